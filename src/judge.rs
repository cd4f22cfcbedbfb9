//! Compare the facts of a claim with those of a source's sentence and give typed reasons.
//! (Stub: to be replaced by the full comparison.)

use crate::facts::Facts;
use crate::reason::{Reason, ReasonKind};

/// The differences between the page's claim and a source's sentence, contradicting ones first.
pub fn compare(page_text: &str, page: &Facts, source_text: &str, source: &Facts) -> Vec<Reason> {
    let _ = (page_text, source_text);
    let mut out = Vec::new();
    if !page.numbers.is_empty() && !source.numbers.is_empty() && page.numbers != source.numbers {
        out.push(Reason {
            kind: ReasonKind::Number,
            contradicts: true,
            page: format!("{:?}", page.numbers),
            source: format!("{:?}", source.numbers),
        });
    }
    out
}
