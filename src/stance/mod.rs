//! Stance of a whole source towards one claim: confirms, contradicts, related or unrelated.
//! (Stub: to be replaced by the learned model.)

use crate::check::Relation;

/// The per-source judgement of one claim against one whole source text.
pub fn stance(claim: &str, source: &str) -> Relation {
    let c: std::collections::HashSet<String> = crate::text::tokenize(claim)
        .into_iter()
        .map(|t| t.norm)
        .collect();
    let s: std::collections::HashSet<String> = crate::text::tokenize(source)
        .into_iter()
        .map(|t| t.norm)
        .collect();
    let shared = c.intersection(&s).count();
    if shared * 2 >= c.len().max(1) {
        Relation::Related
    } else {
        Relation::Unrelated
    }
}
