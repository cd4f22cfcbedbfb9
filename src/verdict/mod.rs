//! The verdict: a claim's standing across all sources, from each source's relation (see
//! [`crate::judgement`]), with the evidence behind it; and the shapes of a page's report.

use crate::alignment::{DiffKind, DiffSpan};
use crate::claims::terms;
use crate::judgement::reason::{Reason, ReasonKind};
use crate::judgement::Relation;
use crate::text::tokenize;
use serde::Serialize;
use std::ops::Range;

/// A claim's verdict across all sources.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// At least one source confirms it and none contradicts it.
    Confirmed,
    /// At least one source contradicts it and none confirms it.
    Contradicted,
    /// Some sources confirm it and others contradict it.
    Disputed,
    /// Sources speak of the subject but none confirms or contradicts.
    Related,
    /// No other source speaks of it: only this page makes the claim.
    Unique,
}

impl Verdict {
    /// The verdict as a lower-case word, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Confirmed => "confirmed",
            Verdict::Contradicted => "contradicted",
            Verdict::Disputed => "disputed",
            Verdict::Related => "related",
            Verdict::Unique => "unique",
        }
    }

    /// The verdict that a set of per-source relations adds up to.
    pub fn from_relations(relations: impl IntoIterator<Item = Relation>) -> Verdict {
        let (mut confirms, mut contradicts, mut related) = (false, false, false);
        for r in relations {
            match r {
                Relation::Confirms => confirms = true,
                Relation::Contradicts => contradicts = true,
                Relation::Related => related = true,
                Relation::Unrelated => {}
            }
        }
        match (confirms, contradicts, related) {
            (true, true, _) => Verdict::Disputed,
            (true, false, _) => Verdict::Confirmed,
            (false, true, _) => Verdict::Contradicted,
            (false, false, true) => Verdict::Related,
            (false, false, false) => Verdict::Unique,
        }
    }
}

/// One source's evidence about one claim.
#[derive(Clone, Debug, Serialize)]
pub struct Evidence {
    /// The source's id.
    pub source: String,
    /// How the source stands towards the claim.
    pub relation: Relation,
    /// The source's sentence that best matches the claim.
    pub text: String,
    /// How closely the sentence matches the claim, from 0 to 1.
    pub score: f32,
    /// The share of the claim's weighted terms that the sentence holds, from 0 to 1.
    pub coverage: f32,
    /// Typed differences, contradicting ones first.
    pub reasons: Vec<Reason>,
    /// The word-level diff of the claim and the sentence.
    pub diff: Vec<DiffSpan>,
    /// Byte range of the sentence in the source's text (empty for the title).
    #[serde(skip)]
    pub span: Range<usize>,
    /// The sentence is the source's title, not part of its text.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub from_title: bool,
}

/// One claim of the page with its verdict and evidence.
#[derive(Clone, Debug, Serialize)]
pub struct ClaimReport {
    /// The claim's text.
    pub text: String,
    /// Byte range of the claim in the page.
    #[serde(skip)]
    pub span: Range<usize>,
    /// The verdict across all sources.
    pub verdict: Verdict,
    /// The sources that speak of it (unrelated ones are left out), strongest first.
    pub evidence: Vec<Evidence>,
}

/// Counts of claims per verdict.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Number of claims.
    pub claims: usize,
    /// Claims confirmed by at least one source and contradicted by none.
    pub confirmed: usize,
    /// Claims contradicted by at least one source and confirmed by none.
    pub contradicted: usize,
    /// Claims both confirmed and contradicted.
    pub disputed: usize,
    /// Claims whose subject other sources speak of, without confirming or contradicting.
    pub related: usize,
    /// Claims only this page makes.
    pub unique: usize,
    /// How many sources the page was compared with: those of its story (0 when it has none),
    /// or every usable source with `all_sources`.
    pub sources: usize,
    /// How many usable sources the engine holds, the page itself left out.
    pub available: usize,
}

/// The result of checking a page.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// The page's story among the sources, or `None` when it matches none (then, when there
    /// are sources, `claims` is empty: no coverage).
    pub story: Option<crate::stories::StoryRef>,
    /// The page's claims, in order.
    pub claims: Vec<ClaimReport>,
    /// Counts per verdict.
    pub summary: Summary,
}

/// A source confirms a contested claim only if it repeats the contested words.
///
/// When one source contradicts a slot of the claim ("was charged" against "was not charged"),
/// a second source that matches the rest of the claim but says nothing about that slot
/// ("the captain was questioned by police") does not confirm it: it is only related.
pub(crate) fn settle_contested(evidence: &mut [Evidence]) {
    let contested = contested_terms(evidence, |_| true);
    if contested.is_empty() {
        return;
    }
    for e in evidence
        .iter_mut()
        .filter(|e| e.relation == Relation::Confirms)
    {
        if !repeats(e, &contested) {
            e.relation = Relation::Related;
        }
    }
}

/// The claim's words that a contradicting source's typed reasons of these kinds name
/// ("Tuesday").
fn contested_terms(evidence: &[Evidence], kind: impl Fn(ReasonKind) -> bool) -> Vec<String> {
    evidence
        .iter()
        .filter(|e| e.relation == Relation::Contradicts)
        .flat_map(|e| &e.reasons)
        .filter(|r| r.contradicts && r.kind != ReasonKind::Substitution && kind(r.kind))
        .flat_map(|r| terms(&tokenize(&r.page)))
        .collect()
}

/// True when the evidence's sentence repeats every one of these words of the claim.
fn repeats(e: &Evidence, words: &[String]) -> bool {
    let repeated: Vec<String> = e
        .diff
        .iter()
        .filter(|d| d.op == DiffKind::Equal)
        .flat_map(|d| terms(&tokenize(&d.text)))
        .collect();
    words.iter().all(|t| repeated.contains(t))
}

/// The verdict of a claim: as its sources' relations add up, except that a contradiction on
/// a fact that another source states as the page does ("Monday" against "Tuesday", where a
/// third source says "Tuesday" without confirming the whole claim) makes the claim disputed.
pub(crate) fn verdict_of(evidence: &[Evidence]) -> Verdict {
    let verdict = Verdict::from_relations(evidence.iter().map(|e| e.relation));
    if verdict != Verdict::Contradicted {
        return verdict;
    }
    // Only facts of the event: who said a quote, or someone's title, is not settled by a
    // sentence that merely names the same person.
    let contested = contested_terms(evidence, |k| {
        matches!(
            k,
            ReasonKind::Date | ReasonKind::Number | ReasonKind::Duration | ReasonKind::Place
        )
    });
    let backed = !contested.is_empty()
        && evidence
            .iter()
            .any(|e| e.relation == Relation::Related && repeats(e, &contested));
    if backed {
        Verdict::Disputed
    } else {
        verdict
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Relation::*;

    #[test]
    fn verdict_table() {
        let cases: &[(&[Relation], Verdict)] = &[
            (&[], Verdict::Unique),
            (&[Unrelated], Verdict::Unique),
            (&[Related], Verdict::Related),
            (&[Confirms], Verdict::Confirmed),
            (&[Confirms, Related], Verdict::Confirmed),
            (&[Contradicts], Verdict::Contradicted),
            (&[Contradicts, Related, Unrelated], Verdict::Contradicted),
            (&[Confirms, Contradicts], Verdict::Disputed),
            (&[Related, Contradicts, Confirms], Verdict::Disputed),
        ];
        for (relations, want) in cases {
            assert_eq!(
                Verdict::from_relations(relations.iter().copied()),
                *want,
                "{relations:?}"
            );
        }
    }
}
