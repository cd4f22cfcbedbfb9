//! Which sentences are claims: bylines, boilerplate, questions and fragments are not.
//! (Stub: to be replaced by the full rules.)

/// True when the sentence states something checkable.
pub fn is_claim(sentence: &str) -> bool {
    let words = sentence.split_whitespace().count();
    words >= 5 && !sentence.trim_end().ends_with('?')
}
