//! Word-level alignment of a claim with a source's sentence, with `similar`.
//!
//! The diff runs over normalised, stemmed tokens, so case, curly quotes, accents and simple
//! inflection do not count as differences. The result is a list of spans in reading order:
//! `equal` spans carry the source's words, `removed` spans the words only the page has, `added`
//! spans the words only the source has. Concatenating the `equal` and `added` spans' text gives
//! back the source sentence exactly; the `equal` and `removed` spans' page ranges tile the claim.

use crate::text::{stem, Token};
use serde::Serialize;
use similar::{capture_diff_slices, Algorithm, DiffTag};
use std::ops::Range;

/// What a diff span is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiffKind {
    /// Words both sides have.
    Equal,
    /// Words only the page has.
    Removed,
    /// Words only the source has.
    Added,
}

/// One span of the word-level diff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DiffSpan {
    /// Equal, removed (page only) or added (source only).
    pub op: DiffKind,
    /// The span's text: the source's words for equal and added spans, the page's for removed ones.
    pub text: String,
    /// Byte range in the page's sentence (relative to the sentence), for equal and removed spans.
    #[serde(skip)]
    pub page: Option<Range<usize>>,
    /// Byte range in the source's sentence (relative to the sentence), for equal and added spans.
    #[serde(skip)]
    pub source: Option<Range<usize>>,
}

/// The word-level alignment of two sentences.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Alignment {
    /// The diff spans, in reading order.
    pub spans: Vec<DiffSpan>,
    /// Number of tokens both sides share in order.
    pub equal_tokens: usize,
}

/// Align a page sentence with a source sentence.
///
/// `page_tokens` and `source_tokens` must have spans relative to `page` and `source`.
///
/// ```
/// use corroborate::{align, tokenize, DiffKind};
/// let page = "Congressman Pete Hegseth visited Vietnam.";
/// let source = "Defense Secretary Pete Hegseth visited Vietnam.";
/// let a = align(page, &tokenize(page), source, &tokenize(source));
/// let removed: Vec<&str> = a.spans.iter().filter(|s| s.op == DiffKind::Removed).map(|s| s.text.trim()).collect();
/// let added: Vec<&str> = a.spans.iter().filter(|s| s.op == DiffKind::Added).map(|s| s.text.trim()).collect();
/// assert_eq!(removed, ["Congressman"]);
/// assert_eq!(added, ["Defense Secretary"]);
/// ```
pub fn align(
    page: &str,
    page_tokens: &[Token],
    source: &str,
    source_tokens: &[Token],
) -> Alignment {
    let a: Vec<String> = page_tokens.iter().map(|t| stem(&t.norm)).collect();
    let b: Vec<String> = source_tokens.iter().map(|t| stem(&t.norm)).collect();
    let ops = capture_diff_slices(Algorithm::Myers, &a, &b);

    // Where token i of each side starts its span: from its own start to the next token's start
    // (the last one to the end of the sentence), so that spans tile each sentence.
    let page_cut = |i: usize| -> usize {
        if i == 0 {
            0
        } else {
            page_tokens.get(i).map_or(page.len(), |t| t.start)
        }
    };
    let source_cut = |i: usize| -> usize {
        if i == 0 {
            0
        } else {
            source_tokens.get(i).map_or(source.len(), |t| t.start)
        }
    };

    let mut spans: Vec<DiffSpan> = Vec::new();
    let mut equal_tokens = 0;
    let mut push = |op: DiffKind, page_r: Option<Range<usize>>, source_r: Option<Range<usize>>| {
        let text = match op {
            DiffKind::Removed => page_r.as_ref().map_or("", |r| &page[r.clone()]),
            _ => source_r.as_ref().map_or("", |r| &source[r.clone()]),
        };
        if text.is_empty() {
            return;
        }
        spans.push(DiffSpan {
            op,
            text: text.to_string(),
            page: page_r,
            source: source_r,
        });
    };
    for op in &ops {
        let (tag, old, new) = op.as_tag_tuple();
        let pr = page_cut(old.start)..page_cut(old.end);
        let sr = source_cut(new.start)..source_cut(new.end);
        match tag {
            DiffTag::Equal => {
                equal_tokens += old.len();
                push(DiffKind::Equal, Some(pr), Some(sr));
            }
            DiffTag::Delete => push(DiffKind::Removed, Some(pr), None),
            DiffTag::Insert => push(DiffKind::Added, None, Some(sr)),
            DiffTag::Replace => {
                push(DiffKind::Removed, Some(pr), None);
                push(DiffKind::Added, None, Some(sr));
            }
        }
    }
    Alignment {
        spans,
        equal_tokens,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn run(page: &str, source: &str) -> Alignment {
        align(page, &tokenize(page), source, &tokenize(source))
    }

    fn side(a: &Alignment, kinds: &[DiffKind]) -> String {
        a.spans
            .iter()
            .filter(|s| kinds.contains(&s.op))
            .map(|s| s.text.as_str())
            .collect()
    }

    #[test]
    fn spans_tile_both_sentences() {
        let cases = [
            (
                "Police said 5 people were injured in Lyon.",
                "Officials said 3 people were hurt in Marseille on Monday.",
            ),
            (
                "“Today we will exchange artifacts,” Hegseth said.",
                "\"Today we will exchange artifacts\", Hegseth said.",
            ),
            ("A 😀 emoji and 東京.", "An emoji and 東京 again."),
            ("", "Only the source."),
            ("Only the page.", ""),
        ];
        for (page, source) in cases {
            let a = run(page, source);
            assert_eq!(
                side(&a, &[DiffKind::Equal, DiffKind::Added]),
                source,
                "source side of {page:?}"
            );
            let page_side: String = a
                .spans
                .iter()
                .filter_map(|s| s.page.clone())
                .map(|r| &page[r])
                .collect();
            assert_eq!(page_side, page, "page side of {page:?}");
        }
    }

    #[test]
    fn case_quotes_and_inflection_are_equal() {
        let a = run(
            "Hegseth’s aides SEIZED the relics.",
            "Hegseth's aides seize the relic.",
        );
        assert!(
            a.spans.iter().all(|s| s.op == DiffKind::Equal),
            "{:?}",
            a.spans
        );
        assert_eq!(a.equal_tokens, 5);
    }
}
