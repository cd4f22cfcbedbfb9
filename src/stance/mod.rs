//! Stance of a whole source towards one claim: confirms, contradicts, related or unrelated.
//!
//! The judgement is made by a small learned model in two stages, trained on the FNC-1 train
//! split (see `corroborate::fnc1::train`, `cargo run --release -- train fnc1 DIR`):
//!
//! 1. **related or unrelated**, from similarity features: IDF-weighted coverage of the claim's
//!    words in the source, in its best-matching sentences and in its lead, bigram overlap,
//!    TF-IDF cosine, shared names and numbers;
//! 2. **confirms, contradicts or only related**, among related pairs, from cue features
//!    (refuting, hedging, confirming and negating words in the whole source, its lead and its
//!    best-matching sentences, negation near the claim's words, questions in the claim) and
//!    hashed words and bigrams of the claim and of the best-matching sentences.
//!
//! The model file (`model/stance.bin`, a few tens of KB) is compiled into the native crate and
//! loaded by the WebAssembly module's host as a data file (see [`crate::data`]); the
//! judgement is the same in both.

mod features;
mod model;
#[cfg(feature = "cli")]
pub(crate) mod train;

use crate::check::{Engine, Relation};
use crate::source::{Corpus, Source};
use features::{Body, Doc, FlatIdf, Idf};
pub(crate) use model::Model;
use std::ops::Range;

/// The installed model (see [`crate::data`]); `None` if it is not loaded or malformed, in
/// which case a plain word-overlap rule is used.
fn builtin() -> Option<&'static Model> {
    crate::data::model()
}

/// The stance of one source towards one claim, with the model's probabilities.
#[derive(Clone, Debug, PartialEq)]
pub struct StanceDetail {
    /// The decision.
    pub relation: Relation,
    /// Probabilities of confirms, contradicts, related and unrelated (they sum to 1).
    pub probs: [f32; 4],
    /// Byte range in the source of the sentence that best matches the claim, for
    /// [`stance_detail`]; always `None` for [`stance_sentences`] (see `best_index`).
    pub best_sentence: Option<Range<usize>>,
    /// Index of the best-matching sentence: among the source's sentences (as cut by
    /// [`crate::sentences`]) for [`stance_detail`], among the given sentences for
    /// [`stance_sentences`]. `None` when no sentence shares a word with the claim.
    pub best_index: Option<usize>,
}

/// The per-source judgement of one claim against one whole source text.
///
/// ```
/// use corroborate::{stance, Relation};
/// let claim = "Police say five people were injured in a fire in Lyon";
/// let source = "Stocks rose on Monday as investors bet on lower interest rates.";
/// assert_eq!(stance(claim, source), Relation::Unrelated);
/// ```
pub fn stance(claim: &str, source: &str) -> Relation {
    stance_detail(claim, source).relation
}

/// The judgement of one claim against one whole source, with probabilities and the
/// best-matching sentence.
///
/// ```
/// use corroborate::{stance_detail, Relation};
/// let source = "Firefighters said on Monday that five people were injured in a fire in Lyon. \
///               The blaze started in a bakery.";
/// let d = stance_detail("Five people injured in Lyon fire", source);
/// assert_ne!(d.relation, Relation::Unrelated);
/// assert_eq!(d.best_index, Some(0));
/// assert_eq!(d.best_sentence.map(|r| &source[r]), Some("Firefighters said on Monday that five people were injured in a fire in Lyon."));
/// ```
pub fn stance_detail(claim: &str, source: &str) -> StanceDetail {
    stance_prepared(claim, &PreparedSource::new(source))
}

/// The judgement of one claim against a few sentences picked from a large source (for
/// example the candidates that retrieval found), read as if they were one text.
/// `best_index` is the index in `sentences` of the best match; `best_sentence` is `None`.
///
/// ```
/// use corroborate::{stance_sentences, Relation};
/// let d = stance_sentences(
///     "Five people injured in Lyon fire",
///     &["The weather was mild.", "Five people were injured in a fire in Lyon, firefighters said."],
/// );
/// assert_ne!(d.relation, Relation::Unrelated);
/// assert_eq!(d.best_index, Some(1));
/// assert_eq!(d.best_sentence, None);
/// ```
pub fn stance_sentences(claim: &str, sentences: &[&str]) -> StanceDetail {
    stance_prepared(claim, &PreparedSource::from_sentences(sentences))
}

/// A source prepared once (cut into sentences, tokenised, counted) to be judged against many
/// claims with [`stance_prepared`]; gives the same results as [`stance_detail`] and
/// [`stance_sentences`], without redoing the source's share of the work for every claim.
///
/// ```
/// use corroborate::{stance_detail, stance_prepared, PreparedSource};
/// let text = "Five people were injured in a fire in Lyon. The blaze started in a bakery.";
/// let source = PreparedSource::new(text);
/// for claim in ["Five injured in Lyon fire", "Bakery fire in Lyon", "Stocks fell"] {
///     assert_eq!(stance_prepared(claim, &source), stance_detail(claim, text));
/// }
/// ```
#[derive(Clone, Debug)]
pub struct PreparedSource {
    body: Body,
    /// Whether sentence byte ranges refer to one text (false for a list of sentences).
    spans: bool,
    /// The same text indexed for the engine's typed, sentence-level judgement.
    engine: Option<Engine>,
    /// The text, for the refuting words of the source.
    text: String,
}

/// The source as a one-source engine (`None` for a text with nothing to index).
fn engine_of(text: &str) -> Option<Engine> {
    Engine::new(Corpus {
        sources: vec![Source::new("source", text)],
    })
    .ok()
}

impl PreparedSource {
    /// Prepare a whole source text.
    pub fn new(text: &str) -> PreparedSource {
        PreparedSource {
            body: Body::new(Doc::new(text), idf()),
            spans: true,
            engine: engine_of(text),
            text: text.to_string(),
        }
    }

    /// The number of sentences of the source.
    pub(crate) fn sentence_count(&self) -> usize {
        self.body.doc.sents.len()
    }

    /// Prepare a list of sentences, read as one text (see [`stance_sentences`]).
    pub fn from_sentences(sentences: &[&str]) -> PreparedSource {
        PreparedSource {
            body: Body::new(Doc::from_sentences(sentences), idf()),
            spans: false,
            engine: engine_of(&sentences.join("\n")),
            text: sentences.join("\n"),
        }
    }
}

/// The IDF weights of the built-in model (flat without one).
fn idf() -> &'static dyn Idf {
    match builtin() {
        Some(m) => &m.idf,
        None => &FlatIdf,
    }
}

/// The judgement of one claim against a prepared source: the page's judgement
/// ([`Engine::check`](crate::Engine::check)), on the source read as a whole.
///
/// The engine judges the source's sentences closest to the claim (typed facts compared,
/// every differing word accounted for); the learned model reads the whole source (its
/// refuting and hedging words, how much of it is on the claim); [`crate::judge::settle`]
/// decides from both, as it does for each source of a page.
pub fn stance_prepared(claim: &str, source: &PreparedSource) -> StanceDetail {
    let mut d = judge(&Doc::single(claim), &source.body);
    let headline = crate::judge::is_headline(claim);
    let model = refuted(claim, &source.text, d.relation);
    let article = source.sentence_count() > crate::judge::ARTICLE_SENTENCES;
    d.relation = crate::judge::settle(sentence_relation(claim, source), model, headline, article);
    if source.spans {
        d.best_sentence = d
            .best_index
            .and_then(|i| source.body.doc.sents.get(i))
            .map(|(_, bytes)| bytes.clone());
    }
    d
}

/// The relation of a claim to a prepared source as its closest sentences alone judge it
/// (before [`crate::judge::settle`]); it does not depend on the learned model, so training
/// can tune the model's thresholds through `settle` (see `train`).
pub(crate) fn sentence_relation(claim: &str, source: &PreparedSource) -> Relation {
    source
        .engine
        .as_ref()
        .and_then(|e| {
            e.evidence_for_unsettled(claim)
                .first()
                .map(|ev| ev.relation)
        })
        .unwrap_or(Relation::Unrelated)
}

/// Whether the model's contradiction of a claim stands through [`refuted`]: a headline, or
/// a source with a refuting word the claim lacks.
#[cfg(feature = "cli")]
pub(crate) fn contradiction_stands(claim: &str, source: &str) -> bool {
    crate::judge::is_headline(claim) || features::refutes(claim, source)
}

/// The learned model's relation of a claim to a few sentences of a source read as one text,
/// for [`crate::judge::settle`] on a page.
pub(crate) fn model_relation(claim: &str, sentences: &[&str]) -> Relation {
    let r = judge(
        &Doc::single(claim),
        &Body::new(Doc::from_sentences(sentences), idf()),
    )
    .relation;
    refuted(claim, &sentences.join(" "), r)
}

/// True for a refuting word ("denied", "hoax", "false"), normalised.
pub(crate) fn is_refuting(norm: &str) -> bool {
    features::is_refuting(norm)
}

/// For a claim written as a sentence, the model's contradiction stands only where the source
/// has a refuting word the claim lacks; elsewhere the model says no more than "related". (For
/// a headline, what the model was trained on, its reading stands.)
fn refuted(claim: &str, source: &str, model: Relation) -> Relation {
    if model == Relation::Contradicts
        && !crate::judge::is_headline(claim)
        && !features::refutes(claim, source)
    {
        Relation::Related
    } else {
        model
    }
}

/// Judge a prepared claim against a prepared body.
fn judge(claim: &Doc, body: &Body) -> StanceDetail {
    let Some(model) = builtin() else {
        return fallback(claim, body);
    };
    let mut f = features::extract(claim, body, &model.idf);
    f.hashed.extend_from_slice(&body.hashed);
    let p_rel = model.p_related(&f);
    let p = model.p_stance(&f);
    let probs = [p_rel * p[0], p_rel * p[1], p_rel * p[2], 1.0 - p_rel];
    let relation = if p_rel < model.rel_threshold {
        Relation::Unrelated
    } else {
        match model.decide(&p) {
            0 => Relation::Confirms,
            1 => Relation::Contradicts,
            _ => Relation::Related,
        }
    };
    StanceDetail {
        relation,
        probs,
        best_sentence: None,
        best_index: f.best,
    }
}

/// Without a model: related when half the claim's words are in the source.
fn fallback(claim: &Doc, body: &Body) -> StanceDetail {
    let f = features::extract(claim, body, &FlatIdf);
    let related = f.rel.first().copied().unwrap_or(0.0) >= 0.5;
    StanceDetail {
        relation: if related {
            Relation::Related
        } else {
            Relation::Unrelated
        },
        probs: if related {
            [0.0, 0.0, 1.0, 0.0]
        } else {
            [0.0, 0.0, 0.0, 1.0]
        },
        best_sentence: None,
        best_index: f.best,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stance_table() {
        let cases = [
            (
                "Cat rescued from tree in Paris",
                "Stocks fell sharply on Monday in Tokyo.",
                Relation::Unrelated,
            ),
            ("", "Anything.", Relation::Unrelated),
            ("Anything", "", Relation::Unrelated),
        ];
        for (claim, source, want) in cases {
            assert_eq!(stance(claim, source), want, "{claim:?} / {source:?}");
        }
    }

    #[test]
    fn probabilities_sum_to_one() {
        let cases = [
            ("Cat rescued from tree", "A cat was rescued from a tree."),
            (
                "Cat rescued from tree",
                "The cat rescue was a hoax, officials said.",
            ),
            ("", ""),
        ];
        for (claim, source) in cases {
            let d = stance_detail(claim, source);
            let sum: f32 = d.probs.iter().sum();
            assert!((sum - 1.0).abs() < 1e-4, "{claim:?}: {:?}", d.probs);
        }
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let long: String = (0..150).map(|i| format!("word{i} ")).collect();
        let cases: [(&str, &str); 6] = [
            (&long, &long),
            ("東京 😀 Hà Nội?", "東京 😀. Hà Nội!\n\n\n"),
            ("...", "!!! ???"),
            ("\u{feff}Zoe\u{301}", "Zoe\u{301} said no."),
            ("", ""),
            ("Cat", "cat cat cat cat"),
        ];
        for (claim, source) in cases {
            let d = stance_detail(claim, source);
            assert!(d.probs.iter().all(|p| p.is_finite()), "{claim:?}");
            if let Some(r) = d.best_sentence {
                assert!(source.get(r).is_some(), "{claim:?}");
            }
            let sents: Vec<&str> = source.split('.').collect();
            let s = stance_sentences(claim, &sents);
            assert!(s.best_index.unwrap_or(0) < sents.len().max(1), "{claim:?}");
        }
    }

    #[test]
    fn model_is_built_in() {
        assert!(
            builtin().is_some(),
            "model/stance.bin is missing or malformed"
        );
    }
}
