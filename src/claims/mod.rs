//! Claims: the checkable sentences of a page, with their tokens and facts.

pub(crate) mod skip;

use crate::claims::skip::claim_spans;
use crate::facts::Facts;
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

/// The claim sentences of a source's text ([`claim_spans`](crate::claim_spans), the same rule
/// as [`extract_claims`] for pages), each with its index terms ([`terms`]): what the engine
/// indexes of a source, in order.
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
    claim_spans(text).into_iter().filter_map(move |r| {
        let sentence = text.get(r.clone())?;
        Some((r, terms(&tokenize(sentence))))
    })
}

/// The claims of a page, in order: the sentences that [`claim_spans`](crate::claim_spans)
/// keeps, with their tokens and facts.
pub fn extract_claims(page: &str) -> Vec<Claim> {
    claim_spans(page)
        .into_iter()
        .map(|span| Claim::at(page, span))
        .collect()
}

impl Claim {
    /// The claim made by the sentence at `span` of `page`, whatever its form (a headline, a
    /// fragment): tokens with page offsets, and facts.
    pub fn at(page: &str, span: Range<usize>) -> Claim {
        let text = page.get(span.clone()).unwrap_or("");
        let mut tokens = tokenize(text);
        let facts = Facts::extract_tokenized(text, &tokens);
        for t in &mut tokens {
            t.start += span.start;
            t.end += span.start;
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Pages ([`extract_claims`]) and sources ([`claim_terms`]) keep the same sentences, list
    /// items included.
    #[test]
    fn pages_and_sources_share_the_list_rules() {
        let cases = [
            (
                "markdown lead-in",
                "Passengers were advised to:\n\n- check the operator's website for timetables\n\
                 - allow extra time\n\nThe ferry was moved to a berth on the far side.",
                1,
            ),
            (
                "full-sentence bullets",
                "- The ferry carried 212 passengers.\n* Police said five people were injured.",
                2,
            ),
            (
                "imperative and noun-phrase bullets",
                "- Check the website for timetables\n- 212 passengers\n- 14 crew",
                0,
            ),
            (
                "html list",
                "Passengers were advised to:\n\ncheck the operator's website for timetables\n\
                 allow extra time for the crossing\n\nThe ferry was moved to a berth.",
                1,
            ),
            (
                "CRLF and emoji",
                "Advice:\r\n- 🚢 check the website 🚢\r\n- The ferry carried 212 passengers.\r\n",
                1,
            ),
        ];
        for (name, text, n) in cases {
            let pages: Vec<Range<usize>> =
                extract_claims(text).into_iter().map(|c| c.span).collect();
            let sources: Vec<Range<usize>> = claim_terms(text).map(|(r, _)| r).collect();
            assert_eq!(pages, sources, "{name}");
            assert_eq!(pages, claim_spans(text), "{name}");
            assert_eq!(
                pages.len(),
                n,
                "{name}: {:?}",
                pages.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>()
            );
            for c in extract_claims(text) {
                assert!(
                    !c.text(text).contains("check the"),
                    "{name}: {:?}",
                    c.text(text)
                );
            }
        }
    }
}
