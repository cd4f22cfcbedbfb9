//! Judgement: how one source stands towards one claim. This is the one place where a relation
//! is decided, for the page, the command line, the WebAssembly module and `stance`.
//!
//! A source's sentence is judged against the claim in two ways, and both must agree before it
//! confirms:
//!
//! 1. **Typed facts** ([`compare`]): numbers with their hedges, dates, roles, people, places,
//!    speakers of quotes, negations and antonym cues, compared slot by slot.
//! 2. **Accounting** ([`account`]): the claim and the sentence aligned word by word, and every
//!    salient word of the claim that the sentence lacks or replaces classed as equivalent, a
//!    reversal, incompatible or unverifiable, reading the rest of the source (its other
//!    sentences on the claim, its title) for what the sentence lacks.
//!
//! The decision ([`decide`]): a contradicting typed reason, or a reversed or incompatible
//! word where the rest aligns, makes the source **contradict**; a sentence close enough to the
//! claim, with no contradiction, no unverifiable word and no hedge the claim lacks,
//! **confirms**; anything else on the subject is **related**.

mod account;
mod compare;
pub(crate) mod reason;
pub(crate) mod stance;
pub mod wordnet;

pub(crate) use account::{Elsewhere, Read, Words};
pub use compare::compare;

use crate::judgement::reason::{Class, Reason, ReasonKind};
use serde::Serialize;

/// How one source stands towards one claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// The source says the same thing.
    Confirms,
    /// The source says something incompatible.
    Contradicts,
    /// The source is on the same subject but neither confirms nor contradicts.
    Related,
    /// The source does not speak of it.
    Unrelated,
}

impl Relation {
    /// The relation as a lower-case word, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Confirms => "confirms",
            Relation::Contradicts => "contradicts",
            Relation::Related => "related",
            Relation::Unrelated => "unrelated",
        }
    }
}

/// Thresholds of the judgement, over the retrieval scores of a candidate sentence.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Thresholds {
    /// Below this weighted overlap a sentence is unrelated.
    pub related: f32,
    /// The same for a headline claim (read against the whole article).
    pub related_headline: f32,
    /// At or above this overlap, with nothing unaccounted for, a sentence confirms.
    pub confirms: f32,
    /// At or above this overlap, a contradicting reason makes the sentence contradict.
    pub contradicts: f32,
    /// A confirming sentence must hold at least this share of the claim's weighted terms.
    pub coverage: f32,
    /// A reversed or incompatible word contradicts when at least this share of the claim's
    /// other salient words is backed.
    pub aligned: f32,
}

/// Sources of more sentences than this are articles (see [`settle`]).
pub const ARTICLE_SENTENCES: usize = 3;

/// The thresholds in use.
pub(crate) const THRESHOLDS: Thresholds = Thresholds {
    related: 0.25,
    related_headline: 0.15,
    confirms: 0.42,
    contradicts: 0.35,
    coverage: 0.45,
    aligned: 0.6,
};

/// True for a claim written as a headline: no final punctuation, at most 20 words, not a
/// table row.
pub fn is_headline(claim: &str) -> bool {
    if claim.trim_start().starts_with('|') {
        return false;
    }
    let t =
        claim.trim_end_matches(|c: char| c.is_whitespace() || "\"'\u{201d}\u{2019})]".contains(c));
    !t.ends_with(['.', '!', '?', '\u{2026}', ';', ':']) && t.split_whitespace().count() <= 20
}

/// The judgement of one sentence of a source.
#[derive(Clone, Debug)]
pub(crate) struct Judgement {
    /// How the sentence stands towards the claim.
    pub relation: Relation,
    /// Why, contradicting reasons first.
    pub reasons: Vec<Reason>,
}

/// Judge one sentence of a source against a claim. `score` and `coverage` are the sentence's
/// weighted overlap with the claim (from retrieval); `elsewhere` holds the rest of the source.
pub(crate) fn judge(
    claim: &Words,
    sentence: &Words,
    elsewhere: &Elsewhere,
    score: f32,
    coverage: f32,
) -> Judgement {
    let typed = compare::compare_tokenized(
        (claim.text, claim.facts, &claim.read.tokens),
        (sentence.text, sentence.facts, &sentence.read.tokens),
    );
    let acc = account::account(claim, sentence, elsewhere, &typed);
    let relation = decide(&typed, &acc, is_headline(claim.text), score, coverage);
    // A conflict in a sentence that is not close enough to contradict bears on another fact
    // ("5 passengers were injured" against "212 passengers and 14 crew"): it is not shown.
    let mut reasons: Vec<Reason> = typed
        .into_iter()
        .filter(|r| !r.contradicts || relation == Relation::Contradicts)
        .collect();
    for r in acc.reasons {
        if !reasons.contains(&r) {
            reasons.push(r);
        }
    }
    crate::sort::sort_by(&mut reasons, |a, b| (!a.contradicts).cmp(&!b.contradicts));
    Judgement { relation, reasons }
}

/// The decision, from the typed reasons and the accounting of one sentence.
fn decide(
    typed: &[Reason],
    acc: &account::Account,
    claim_is_headline: bool,
    score: f32,
    coverage: f32,
) -> Relation {
    let t = THRESHOLDS;
    let typed_conflict = typed.iter().any(|r| r.contradicts);
    // A conflict anchored on a named person (their title, or who said a quote) holds whatever
    // else the sentences say; other conflicts need the sentences to match.
    let anchored = typed
        .iter()
        .any(|r| r.contradicts && matches!(r.kind, ReasonKind::Role | ReasonKind::Quote));
    // A word turned round (or another value in its place) contradicts when the rest of the
    // claim is there: "the drug inhibits growth" against "the drug induces growth".
    let swapped = acc.opposed > 0
        && acc.backed >= 2
        && (acc.backed_share() >= t.aligned || (acc.clean_swap && score >= t.contradicts));
    // A negation and an antonym in one pair cancel out ("did not rise" / "fell"): neither
    // reading is safe, so the pair is only related.
    let hedge_unbacked = typed
        .iter()
        .any(|r| r.kind == ReasonKind::Hedge && r.class == Some(Class::Unverifiable));
    if claim_is_headline {
        // A headline is a summary of an article: whether the article backs it is the learned
        // model's reading (trained on headlines against articles, see `settle`), hedges and
        // paraphrase included. The sentence judgement says only what rules it out: a typed
        // conflict contradicts; a word turned round, or a number the source does not state,
        // keeps it from confirming.
        if typed_conflict && (anchored || score >= t.contradicts) {
            return Relation::Contradicts;
        }
        let clear =
            !typed_conflict && acc.reversed == 0 && acc.unbacked_numbers == 0 && acc.salient > 0;
        return if clear {
            Relation::Confirms
        } else {
            Relation::Related
        };
    }
    let negated = typed.iter().any(|r| r.kind == ReasonKind::Negation);
    if swapped && negated && !typed_conflict_without_negation(typed) {
        return Relation::Related;
    }
    if (typed_conflict && (anchored || score >= t.contradicts)) || swapped {
        return Relation::Contradicts;
    }
    if typed_conflict || hedge_unbacked || acc.opposed > 0 || acc.hedged || acc.salient == 0 {
        return Relation::Related;
    }
    // A sentence confirms when every salient word is backed. A paraphrase may leave a few
    // loose words unmatched in a long sentence ("wartime relics" / "wartime items"): one in
    // every four salient words past the fourth.
    let close = score >= t.confirms && coverage >= t.coverage;
    let backed = acc.unbacked_checkable == 0 && acc.unbacked <= acc.salient.saturating_sub(4) / 4;
    if backed && close {
        return Relation::Confirms;
    }
    Relation::Related
}

/// The relation of one source: the judgement of its closest sentences (`sentence`) settled
/// with the learned stance model's reading of the source (`model`, see [`crate::judgement::stance`]),
/// for a claim written as a sentence or as a headline.
///
/// For a sentence, the sentence's judgement is the stricter: only it can confirm, and the
/// model can take a confirmation back (a source whose sentences dispute it) but never make
/// one. A contradiction found in a sentence stands; the model's contradiction (which, for a
/// sentence, needs a refuting word such as "denied" or "a hoax") stands where the sentence did
/// not confirm. The model's "unrelated" holds only where no sentence bears on the claim.
///
/// For a headline, the model reads the article (what it was trained for): it confirms where
/// the sentence judgement found nothing that rules a confirmation out, contradicts, or says
/// the article only discusses the headline or is about something else.
///
/// `article` is true when the sentence is one of an article's (a source of more than
/// [`ARTICLE_SENTENCES`] sentences, and not its headline). There a sentence's contradiction
/// of a headline stands only where the model, reading the whole article, also finds it
/// contradicts; elsewhere it only keeps the article from confirming (it is related). A long
/// article on a story states many facts (other counts, other dates, other people): on the
/// FNC-1 train split such a sentence contradiction of a headline was right about one time in
/// ten (out of fold). Another outlet's headline, or a short source, keeps its contradiction.
pub fn settle(sentence: Relation, model: Relation, headline: bool, article: bool) -> Relation {
    use Relation::*;
    let sentence = if headline && article && sentence == Contradicts && model != Contradicts {
        Related
    } else {
        sentence
    };
    if headline {
        return match (sentence, model) {
            (Contradicts, _) | (_, Contradicts) => Contradicts,
            (Confirms, Confirms) => Confirms,
            (_, Unrelated) => Unrelated,
            _ => Related,
        };
    }
    match (sentence, model) {
        (Contradicts, _) => Contradicts,
        (Confirms, Contradicts) => Related,
        (Confirms, _) => Confirms,
        (Related | Unrelated, Contradicts) => Contradicts,
        (Related, _) => Related,
        (Unrelated, Unrelated) => Unrelated,
        (Unrelated, Confirms | Related) => Related,
    }
}

fn typed_conflict_without_negation(typed: &[Reason]) -> bool {
    typed
        .iter()
        .any(|r| r.contradicts && r.kind != ReasonKind::Negation)
}
