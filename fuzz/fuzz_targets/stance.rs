//! The per-source stance: `stance`, `stance_detail`, `stance_sentences` and the prepared
//! source (`PreparedSource`, `stance_prepared`).
//!
//! Input: NUL-separated fields: the claim, the source text, then up to six sentences for
//! `stance_sentences`.
//!
//! Invariants: no panic; probabilities finite, within 0..=1 and summing to 1; the best
//! sentence is a range of the source on character boundaries, one of the sentences
//! `sentences` cuts (the one `best_index` names); the prepared source gives exactly what the
//! one-shot functions give; `stance_sentences` names a sentence it was given.

#![no_main]

use corroborate::{
    sentences, stance, stance_detail, stance_prepared, stance_sentences, PreparedSource,
    StanceDetail,
};
use corroborate_fuzz::{assert_range, assert_unit, fields, text_of};
use libfuzzer_sys::fuzz_target;

fn check_probs(d: &StanceDetail) {
    for p in d.probs {
        assert_unit(p, "probability");
    }
    let sum: f32 = d.probs.iter().sum();
    assert!((sum - 1.0).abs() < 1e-3, "probabilities sum to {sum}");
}

fuzz_target!(|data: &[u8]| {
    let text = text_of(data);
    let fields = fields(&text, 8);
    let claim = fields.first().copied().unwrap_or("");
    let source = fields.get(1).copied().unwrap_or("");

    let d = stance_detail(claim, source);
    check_probs(&d);
    assert_eq!(stance(claim, source), d.relation);
    assert_eq!(d.best_sentence.is_some(), d.best_index.is_some(), "{d:?}");
    if let (Some(r), Some(i)) = (&d.best_sentence, d.best_index) {
        assert_range(source, r, "best sentence");
        assert_eq!(
            sentences(source).get(i),
            Some(r),
            "best sentence {i} is not sentence {i}"
        );
    }
    let prepared = PreparedSource::new(source);
    assert_eq!(
        stance_prepared(claim, &prepared),
        d,
        "prepared source differs"
    );

    let given: Vec<&str> = fields.iter().skip(2).copied().collect();
    let s = stance_sentences(claim, &given);
    check_probs(&s);
    assert_eq!(s.best_sentence, None);
    if let Some(i) = s.best_index {
        assert!(
            i < given.len(),
            "best index {i} of {} sentences",
            given.len()
        );
    }
    let prepared = PreparedSource::from_sentences(&given);
    assert_eq!(
        stance_prepared(claim, &prepared),
        s,
        "prepared sentences differ"
    );
});
