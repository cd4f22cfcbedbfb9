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

/// Order a claim's evidence strongest first: the closest sentence first, and at equal closeness
/// a confirming or contradicting one before a related one (the engine's own order).
pub(crate) fn strongest_first(evidence: &mut [Evidence]) {
    use crate::engine::rank;
    crate::sort::sort_by(evidence, |a, b| {
        rank(b.relation, b.score)
            .partial_cmp(&rank(a.relation, a.score))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
}

/// Merge `part`, a report of the same page checked against other sources, into `into` (in the
/// browser extension: the reader's saved sources, then each published index), so that the
/// page has one report.
///
/// Each claim's evidence becomes the union of both reports' evidence, and the claim is judged
/// again by the code that judges a single engine's evidence: a confirming source that does not
/// repeat the words another source contradicts becomes related ([`settle_contested`]), the
/// evidence is ordered strongest first, and the verdict is decided over all of it
/// ([`verdict_of`]). Neither report's verdict is kept.
///
/// * A source id is one source: `part`'s evidence of an id that `into` already cites is left
///   out (the first copy of that source speaks), so a lookup by id is never ambiguous.
/// * A report without claims (no coverage among its sources) adds none. When both have claims
///   they must be the same claims (the same page), else it is an [`ErrorKind::Merge`] error
///   and `into` is left as it was.
/// * The story is `into`'s, else `part`'s; `sources` and `available` are summed, and the
///   counts per verdict are counted again.
///
/// ```
/// use corroborate::{merge_reports, Corpus, Engine, Source, Verdict};
/// let page = "Officials said five people were injured in the fire in Lyon on Monday.";
/// let engine = |id: &str, text: &str| {
///     Engine::new(Corpus { sources: vec![Source::new(id, text)] })
/// };
/// let saved = engine("wire", "Five people were injured in the Lyon fire on Monday, officials said.")?;
/// let index = engine("daily", "Officials said three people were injured in the fire in Lyon on Monday.")?;
/// assert_eq!(saved.check(page)?.claims[0].verdict, Verdict::Confirmed);
/// let mut one = saved.check(page)?;
/// merge_reports(&mut one, index.check(page)?)?;
/// assert_eq!(one.claims[0].verdict, Verdict::Disputed);
/// assert_eq!((one.summary.disputed, one.summary.sources), (1, 2));
/// # Ok::<(), corroborate::Error>(())
/// ```
///
/// [`ErrorKind::Merge`]: crate::ErrorKind::Merge
pub fn merge(into: &mut Report, mut part: Report) -> crate::Result<()> {
    if !into.claims.is_empty() && !part.claims.is_empty() {
        let same = into.claims.len() == part.claims.len()
            && into
                .claims
                .iter()
                .zip(&part.claims)
                .all(|(a, b)| a.span == b.span && a.text == b.text);
        if !same {
            return Err(crate::Error::new(
                crate::ErrorKind::Merge,
                "the reports to merge are not of the same page (their claims differ)",
            ));
        }
    }
    // The ids `into` cites (0) and those only `part` cites (1).
    let mut cited: std::collections::HashMap<String, u32> = into
        .claims
        .iter()
        .flat_map(|c| c.evidence.iter().map(|e| (e.source.clone(), 0)))
        .collect();
    for c in &mut part.claims {
        c.evidence
            .retain(|e| *cited.entry(e.source.clone()).or_insert(1) == 1);
    }
    if into.claims.is_empty() {
        into.claims = part.claims;
    } else {
        for (mine, theirs) in into.claims.iter_mut().zip(part.claims) {
            mine.evidence.extend(theirs.evidence);
        }
    }
    if into.story.is_none() {
        into.story = part.story;
    }
    let mut summary = Summary {
        claims: into.claims.len(),
        sources: into.summary.sources + part.summary.sources,
        available: into.summary.available + part.summary.available,
        ..Summary::default()
    };
    for c in &mut into.claims {
        settle_contested(&mut c.evidence);
        strongest_first(&mut c.evidence);
        c.verdict = verdict_of(&c.evidence);
        *match c.verdict {
            Verdict::Confirmed => &mut summary.confirmed,
            Verdict::Contradicted => &mut summary.contradicted,
            Verdict::Disputed => &mut summary.disputed,
            Verdict::Related => &mut summary.related,
            Verdict::Unique => &mut summary.unique,
        } += 1;
    }
    into.summary = summary;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Corpus, Engine, Source};
    use Relation::*;

    const PAGE: &str = "Officials said five people were injured in the fire in Lyon on Monday. \
        The city council approved a new budget for public libraries next year.";

    fn engine(sources: &[(&str, &str)]) -> Engine {
        Engine::new(Corpus {
            sources: sources.iter().map(|(id, t)| Source::new(*id, *t)).collect(),
        })
        .expect("engine")
    }

    fn check(sources: &[(&str, &str)]) -> Report {
        engine(sources).check(PAGE).expect("check")
    }

    const CONFIRMS: (&str, &str) = (
        "wire",
        "Five people were injured in the Lyon fire on Monday, officials said.",
    );
    const CONTRADICTS: (&str, &str) = (
        "daily",
        "Officials said three people were injured in the fire in Lyon on Monday.",
    );

    #[test]
    fn merged_evidence_is_judged_again() {
        let a = check(&[CONFIRMS]);
        let b = check(&[CONTRADICTS]);
        assert_eq!(a.claims[0].verdict, Verdict::Confirmed);
        assert_eq!(b.claims[0].verdict, Verdict::Contradicted);
        let mut m = a.clone();
        merge(&mut m, b).expect("merge");
        assert_eq!(m.claims.len(), a.claims.len());
        assert_eq!(m.claims[0].verdict, Verdict::Disputed);
        let ids: Vec<&str> = m.claims[0]
            .evidence
            .iter()
            .map(|e| e.source.as_str())
            .collect();
        assert_eq!(ids.len(), 2, "{ids:?}");
        assert!(ids.contains(&"wire") && ids.contains(&"daily"), "{ids:?}");
        // The same as one engine over both sources decides for that claim.
        let both = check(&[CONFIRMS, CONTRADICTS]);
        assert_eq!(both.claims[0].verdict, m.claims[0].verdict);
        assert_eq!(m.summary.disputed, 1);
        assert_eq!(m.summary.claims, m.claims.len());
        assert_eq!((m.summary.sources, m.summary.available), (2, 2));
        let counted = m.summary.confirmed
            + m.summary.contradicted
            + m.summary.disputed
            + m.summary.related
            + m.summary.unique;
        assert_eq!(counted, m.summary.claims);
    }

    #[test]
    fn a_report_without_sources_changes_nothing() {
        let a = check(&[CONFIRMS, CONTRADICTS]);
        let mut m = a.clone();
        let empty = Report {
            story: None,
            claims: Vec::new(),
            summary: Summary::default(),
        };
        merge(&mut m, empty).expect("merge");
        assert_eq!(m.summary, a.summary);
        for (x, y) in m.claims.iter().zip(&a.claims) {
            assert_eq!(x.verdict, y.verdict);
            let ids = |c: &ClaimReport| {
                c.evidence
                    .iter()
                    .map(|e| e.source.clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(ids(x), ids(y));
        }
    }

    #[test]
    fn a_part_without_coverage_adds_no_claims() {
        let none = engine(&[(
            "match",
            "Ravensholt Rovers beat Kettle Vale 3-1 at Millbrook Park on Saturday.",
        )])
        .check(PAGE)
        .expect("check");
        assert!(none.story.is_none() && none.claims.is_empty());
        let a = check(&[CONFIRMS]);
        for (first, second) in [(none.clone(), a.clone()), (a.clone(), none.clone())] {
            let mut m = first;
            merge(&mut m, second).expect("merge");
            assert_eq!(m.claims.len(), a.claims.len());
            assert_eq!(m.claims[0].verdict, Verdict::Confirmed);
            assert_eq!(m.story, a.story);
            assert_eq!(m.summary.available, 2);
            assert_eq!(m.summary.sources, 1);
        }
        let mut m = none.clone();
        merge(&mut m, none).expect("merge");
        assert!(m.claims.is_empty() && m.story.is_none());
        assert_eq!(m.summary.available, 2);
    }

    #[test]
    fn one_id_is_one_source() {
        // The same id in two parts: the first part's evidence speaks, not both.
        let a = check(&[CONFIRMS]);
        let b = check(&[("wire", CONTRADICTS.1)]);
        let mut m = a;
        merge(&mut m, b).expect("merge");
        assert_eq!(m.claims[0].evidence.len(), 1);
        assert_eq!(m.claims[0].evidence[0].relation, Confirms);
        assert_eq!(m.claims[0].verdict, Verdict::Confirmed);
    }

    #[test]
    fn reports_of_different_pages_do_not_merge() {
        let a = check(&[CONFIRMS]);
        let other = engine(&[CONFIRMS])
            .check("Officials said five people were injured in the fire in Lyon on Monday.")
            .expect("check");
        let mut m = a.clone();
        let e = merge(&mut m, other).expect_err("different claims");
        assert_eq!(e.kind(), crate::ErrorKind::Merge);
        assert_eq!(m.claims.len(), a.claims.len(), "left as it was");
        assert_eq!(m.summary, a.summary);
    }

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
