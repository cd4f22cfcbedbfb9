//! Claims: the checkable sentences of a page, with their tokens and facts.

use crate::facts::Facts;
use crate::segment::sentences;
use crate::skip::is_claim;
use crate::text::{is_stopword, stem, tokenize, Token};
use std::ops::Range;

/// A sentence of the page that states something checkable.
#[derive(Clone, Debug)]
pub struct Claim {
    /// Byte range of the sentence in the page.
    pub span: Range<usize>,
    /// The sentence's tokens, with byte spans relative to the page.
    pub tokens: Vec<Token>,
    /// The sentence's checkable slots.
    pub facts: Facts,
}

impl Claim {
    /// The claim's text within `page`.
    pub fn text<'p>(&self, page: &'p str) -> &'p str {
        &page[self.span.clone()]
    }
}

/// The claim sentences of a source's text, each with its index terms ([`terms`]): what the
/// engine indexes of a source, in order.
///
/// ```
/// let text = "The ferry hit the pier on Tuesday. Read more.";
/// let claims: Vec<_> = corroborate::claim_terms(text).collect();
/// assert_eq!(claims.len(), 1);
/// assert_eq!(&text[claims[0].0.clone()], "The ferry hit the pier on Tuesday.");
/// assert!(claims[0].1.iter().any(|t| t == "pier"));
/// assert!(!claims[0].1.iter().any(|t| t == "the")); // stop words are not terms
/// ```
pub fn claim_terms(text: &str) -> impl Iterator<Item = (Range<usize>, Vec<String>)> + '_ {
    sentences(text).into_iter().filter_map(move |r| {
        let sentence = text.get(r.clone())?;
        is_claim(sentence).then(|| (r, terms(&tokenize(sentence))))
    })
}

/// The claims of a page, in order.
pub fn extract_claims(page: &str) -> Vec<Claim> {
    sentences(page)
        .into_iter()
        .filter(|r| is_claim(&page[r.clone()]))
        .map(|span| Claim::at(page, span))
        .collect()
}

impl Claim {
    /// The claim made by the sentence at `span` of `page`, whatever its form (a headline, a
    /// fragment): tokens with page offsets, and facts.
    pub fn at(page: &str, span: Range<usize>) -> Claim {
        let text = page.get(span.clone()).unwrap_or("");
        let mut tokens = tokenize(text);
        for t in &mut tokens {
            t.start += span.start;
            t.end += span.start;
        }
        let facts = Facts::extract(text);
        Claim {
            span,
            tokens,
            facts,
        }
    }
}

/// The retrieval terms of a list of tokens: stems of the words that are not stop words,
/// each once, in first-seen order.
pub fn terms(tokens: &[Token]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tokens {
        if is_stopword(&t.norm) || t.norm.chars().count() < 2 && !t.is_numeric() {
            continue;
        }
        let s = stem(&t.norm);
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}
