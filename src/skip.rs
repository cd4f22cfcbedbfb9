//! Which sentences are claims: bylines, boilerplate, questions and fragments are not.
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
//! ```
//! use corroborate::is_claim;
//! assert!(is_claim("U.S. Defense Secretary Pete Hegseth visited Hanoi on Sunday."));
//! assert!(!is_claim("By Jane Doe and John Roe"));
//! assert!(!is_claim("Will the talks lead to an arms deal?"));
//! assert!(!is_claim("HANOI, Vietnam —"));
//! ```

use crate::text::is_stopword;

/// True when the sentence states something checkable; false for bylines, datelines,
/// boilerplate, questions, lead-ins ending in `:`, table separators and header rows, short
/// fragments and verbless headlines. See the [module docs](self) for the rules.
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

/// Lower-case words that may appear in a byline between names.
const BYLINE_GLUE: &[&str] = &["and", "&", "of", "the", "for", "in", "at", "with", "|", ","];

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
        if n > 12 || !(name || BYLINE_GLUE.contains(&w) || core.is_empty()) {
            return false;
        }
    }
    n > 0
}

/// Words that title case leaves in lower case.
fn is_minor(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "and"
            | "as"
            | "at"
            | "but"
            | "by"
            | "for"
            | "from"
            | "in"
            | "into"
            | "nor"
            | "of"
            | "on"
            | "or"
            | "over"
            | "the"
            | "to"
            | "vs."
            | "with"
    )
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

/// Finite verbs that headlines keep in lower case.
const HEADLINE_VERBS: &[&str] = &[
    "are", "can", "could", "did", "does", "had", "has", "have", "is", "may", "said", "say", "says",
    "was", "were", "will", "won't", "would",
];

/// Prepositions and conjunctions that follow a plural noun rather than a verb.
const NOT_OBJECT: &[&str] = &[
    "after", "amid", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or",
    "over", "to", "with",
];

/// True when a title-case headline shows a verb (see the module docs).
fn has_headline_verb(words: &[&str]) -> bool {
    for (i, w) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        if HEADLINE_VERBS.contains(&lower.as_str()) {
            return true;
        }
        let plain = w.chars().all(char::is_alphabetic);
        let Some(next) = words.get(i + 1) else {
            continue;
        };
        let next_core = next.trim_start_matches(|c: char| !c.is_alphanumeric());
        let next_lower = next_core.to_lowercase();
        let object = next_core.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            && !NOT_OBJECT.contains(&next_lower.trim_end_matches(|c: char| !c.is_alphanumeric()));
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
}
