//! Word-level alignment of a claim with a source's sentence: a longest common subsequence of
//! their tokens, found by the `similar` crate's LCS algorithm.
//!
//! The diff runs over normalised, stemmed tokens, so case, curly quotes, accents and simple
//! inflection do not count as differences. The result is a list of spans in reading order:
//! `equal` spans carry the source's words, `removed` spans the words only the page has, `added`
//! spans the words only the source has. Concatenating the `equal` and `added` spans' text gives
//! back the source sentence exactly; the `equal` and `removed` spans' page ranges tile the claim.

use crate::text::{stem, Token};
use serde::Serialize;
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
    let ops = diff(&a, &b);

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
        let pr = page_cut(op.page.start)..page_cut(op.page.end);
        let sr = source_cut(op.source.start)..source_cut(op.source.end);
        if op.equal {
            equal_tokens += op.page.len();
            push(DiffKind::Equal, Some(pr), Some(sr));
        } else {
            push(DiffKind::Removed, Some(pr), None);
            push(DiffKind::Added, None, Some(sr));
        }
    }
    Alignment {
        spans,
        equal_tokens,
    }
}

/// One run of a token diff: equal tokens, or a gap (page tokens replaced by source tokens,
/// either side possibly empty). Ranges are token indices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Op {
    /// Equal tokens (true) or a gap.
    pub equal: bool,
    /// Token indices on the page's side.
    pub page: Range<usize>,
    /// Token indices on the source's side.
    pub source: Range<usize>,
}

/// The token-level diff of two sentences (over stems, as [`align`] uses), for the judge's
/// accounting of what differs.
pub(crate) fn token_ops(page_tokens: &[Token], source_tokens: &[Token]) -> Vec<Op> {
    let a: Vec<String> = page_tokens.iter().map(|t| stem(&t.norm)).collect();
    let b: Vec<String> = source_tokens.iter().map(|t| stem(&t.norm)).collect();
    diff(&a, &b)
}

/// Largest table (cells of page × source tokens, after the common prefix and suffix) the
/// diff fills; above it the middle is one gap (claims and sentences are far below it).
/// `similar`'s LCS fills a full table, so this bound is what keeps one pair's cost small.
const MAX_CELLS: usize = 1 << 17;

/// The matched token pairs that `similar` reports, in order.
#[derive(Default)]
struct Matches(Vec<(usize, usize)>);

impl similar::algorithms::DiffHook for Matches {
    type Error = std::convert::Infallible;

    fn equal(&mut self, old: usize, new: usize, len: usize) -> Result<(), Self::Error> {
        self.0.extend((0..len).map(|k| (old + k, new + k)));
        Ok(())
    }
}

/// The diff of two token lists as alternating runs: the longest common subsequence that
/// `similar`'s LCS algorithm finds (its table bounded by [`MAX_CELLS`]); between two equal
/// runs, one gap.
fn diff<T: PartialEq + Eq + std::hash::Hash>(a: &[T], b: &[T]) -> Vec<Op> {
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suf = a[pre..]
        .iter()
        .rev()
        .zip(b[pre..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (n, m) = (a.len() - pre - suf, b.len() - pre - suf);
    let mut pairs: Vec<(usize, usize)> = (0..pre).map(|i| (i, i)).collect();
    if n > 0 && m > 0 && n.saturating_mul(m) <= MAX_CELLS {
        let mut hook = Matches::default();
        let _ = similar::algorithms::lcs::diff(&mut hook, a, pre..pre + n, b, pre..pre + m);
        pairs.extend(hook.0);
    }
    pairs.extend((0..suf).map(|k| (a.len() - suf + k, b.len() - suf + k)));

    let mut ops: Vec<Op> = Vec::new();
    let (mut i, mut j) = (0, 0);
    for (pi, pj) in pairs.into_iter().chain([(a.len(), b.len())]) {
        if pi < i || pj < j {
            continue;
        }
        if pi > i || pj > j {
            ops.push(Op {
                equal: false,
                page: i..pi,
                source: j..pj,
            });
        }
        if pi < a.len() {
            match ops.last_mut() {
                Some(last) if last.equal => {
                    last.page.end = pi + 1;
                    last.source.end = pj + 1;
                }
                _ => ops.push(Op {
                    equal: true,
                    page: pi..pi + 1,
                    source: pj..pj + 1,
                }),
            }
        }
        (i, j) = (pi + 1, pj + 1);
    }
    ops
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

    /// Render a diff as text: `=x` equal runs, `-x+y` gaps.
    fn show(a: &[&str], b: &[&str]) -> String {
        diff(a, b)
            .iter()
            .map(|op| {
                let (p, s) = (a[op.page.clone()].join(" "), b[op.source.clone()].join(" "));
                if op.equal {
                    format!("[={p}]")
                } else {
                    format!("[-{p}+{s}]")
                }
            })
            .collect()
    }

    #[test]
    fn diff_table() {
        let cases: [(&str, &str, &str); 9] = [
            ("", "", ""),
            ("a b", "", "[-a b+]"),
            ("", "a b", "[-+a b]"),
            ("a b c", "a b c", "[=a b c]"),
            ("x b c", "y z b c", "[-x+y z][=b c]"),
            ("a b x", "a b", "[=a b][-x+]"),
            ("a x b y c", "a b c", "[=a][-x+][=b][-y+][=c]"),
            ("a b c d", "c d a b", "[-a b+][=c d][-+a b]"),
            ("p q", "q p", "[-p+][=q][-+p]"),
        ];
        for (a, b, want) in cases {
            let a: Vec<&str> = a.split_whitespace().collect();
            let b: Vec<&str> = b.split_whitespace().collect();
            assert_eq!(show(&a, &b), want, "{a:?} / {b:?}");
        }
    }

    #[test]
    fn huge_inputs_fall_back_to_one_gap() {
        let a: Vec<u32> = (0..1000).collect();
        let b: Vec<u32> = (0..1000).rev().collect();
        let ops = diff(&a, &b);
        assert_eq!(ops.len(), 1);
        assert!(!ops[0].equal);
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
