//! The seed story: five real articles on one event, read from `../shared/seeds` at test time.
//! Each seed is checked against the other four; the known drifts must come out right.

// Native only: reads files or runs the CLI (the browser tests are tests/web.rs).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use corroborate::{ClaimReport, Corpus, Engine, ReasonKind, Relation, Report, Source, Verdict};

/// Seeds by their number prefix: 0 AP-style, 1 AP rewrite, 2 short wire, 3 the "Congressman"
/// piece with invented tables, 4 the piece with unique details (dates, boats, aircraft).
struct Story {
    seeds: Vec<(String, String)>,
}

impl Story {
    fn load() -> Option<Story> {
        common::seeds().map(|seeds| Story { seeds })
    }

    fn text(&self, n: usize) -> &str {
        &self.seeds[n].1
    }

    /// Check seed `n` against the other four.
    fn check(&self, n: usize) -> Report {
        let sources = self
            .seeds
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != n)
            .map(|(_, (id, text))| Source {
                id: id.clone(),
                text: text.clone(),
                ..Default::default()
            })
            .collect();
        let engine = Engine::new(Corpus { sources }).expect("engine");
        engine.check(self.text(n)).expect("check")
    }

    fn id(&self, n: usize) -> &str {
        &self.seeds[n].0
    }
}

/// The claim whose text contains every one of `keys`.
fn claim<'r>(report: &'r Report, keys: &[&str]) -> &'r ClaimReport {
    report
        .claims
        .iter()
        .find(|c| keys.iter().all(|k| c.text.contains(k)))
        .unwrap_or_else(|| {
            panic!(
                "no claim contains {keys:?}; claims: {:#?}",
                report.claims.iter().map(|c| &c.text).collect::<Vec<_>>()
            )
        })
}

fn relation_of(c: &ClaimReport, source: &str) -> Relation {
    c.evidence
        .iter()
        .find(|e| e.source == source)
        .map_or(Relation::Unrelated, |e| e.relation)
}

#[test]
fn congressman_is_contradicted_by_the_others() {
    let Some(story) = Story::load() else { return };
    let report = story.check(3);
    let c = claim(&report, &["Congressman", "Hegseth"]);
    assert_eq!(c.verdict, Verdict::Contradicted, "{c:#?}");
    let role = c
        .evidence
        .iter()
        .filter(|e| e.relation == Relation::Contradicts)
        .flat_map(|e| &e.reasons)
        .find(|r| r.kind == ReasonKind::Role && r.contradicts)
        .unwrap_or_else(|| panic!("no role reason: {c:#?}"));
    assert!(role.page.contains("Congressman"), "{role:?}");
    assert!(
        role.source.to_lowercase().contains("secretary")
            || role.source.to_lowercase().contains("chief"),
        "{role:?}"
    );
}

#[test]
fn defense_secretary_is_disputed_by_the_congressman_piece() {
    let Some(story) = Story::load() else { return };
    for n in [0, 1] {
        let report = story.check(n);
        let disputed: Vec<&ClaimReport> = report
            .claims
            .iter()
            .filter(|c| c.text.contains("Defense Secretary Pete Hegseth"))
            .filter(|c| {
                c.evidence.iter().any(|e| {
                    e.source == story.id(3)
                        && e.relation == Relation::Contradicts
                        && e.reasons
                            .iter()
                            .any(|r| r.kind == ReasonKind::Role && r.source.contains("Congressman"))
                })
            })
            .collect();
        assert!(
            !disputed.is_empty(),
            "seed {n}: no claim on the Defense Secretary is contradicted by the Congressman piece"
        );
        for c in disputed {
            assert!(
                c.evidence
                    .iter()
                    .all(|e| e.source == story.id(3) || e.relation != Relation::Contradicts),
                "seed {n}: only the Congressman piece may contradict the title: {c:#?}"
            );
        }
    }
}

#[test]
fn forty_jets_vs_up_to_forty_is_not_a_contradiction() {
    let Some(story) = Story::load() else { return };
    for (page, source, keys) in [(0, 1, ["40", "Su-35"]), (1, 0, ["40", "Su-35"])] {
        let report = story.check(page);
        let c = claim(&report, &keys);
        let e = c
            .evidence
            .iter()
            .find(|e| e.source == story.id(source))
            .unwrap_or_else(|| panic!("seed {source} says nothing of the jets: {c:#?}"));
        assert_ne!(
            e.relation,
            Relation::Contradicts,
            "seed {page} against seed {source}: {e:#?}"
        );
        assert!(
            e.reasons.iter().any(|r| r.kind == ReasonKind::Hedge
                && !r.contradicts
                && (r.page.contains("up to") || r.source.contains("up to"))),
            "seed {page} against seed {source}: the hedge should be noted: {e:#?}"
        );
    }
}

#[test]
fn shared_facts_are_confirmed() {
    let Some(story) = Story::load() else { return };
    let report = story.check(0);
    for keys in [
        &["leather box", "belt"][..],
        &["Today we will exchange artifacts"][..],
        &["30th anniversary"][..],
        &["deliberate deepening of defense ties"][..],
    ] {
        let c = claim(&report, keys);
        assert_eq!(c.verdict, Verdict::Confirmed, "{keys:?}: {c:#?}");
        assert_eq!(
            relation_of(c, story.id(1)),
            Relation::Confirms,
            "{keys:?}: {c:#?}"
        );
    }
}

#[test]
fn invented_tables_and_plans_are_not_confirmed() {
    let Some(story) = Story::load() else { return };
    let report = story.check(3);
    for keys in [
        &["Cultural Engagement"][..],
        &["Trade Expansion"][..],
        &["strategic working group will be formed"][..],
        &["dedicated task force"][..],
    ] {
        let c = claim(&report, keys);
        assert!(
            matches!(c.verdict, Verdict::Unique | Verdict::Related),
            "{keys:?} should be unique to this page: {c:#?}"
        );
    }
}

#[test]
fn details_only_one_outlet_has_are_unique() {
    let Some(story) = Story::load() else { return };
    let report = story.check(4);
    for keys in [
        &["three patrol boats"][..],
        &["S-92"][..],
        &["C-130", "U.S. official"][..],
        &["Vietnam International Defense Exhibition"][..],
    ] {
        let c = claim(&report, keys);
        assert!(
            matches!(c.verdict, Verdict::Unique | Verdict::Related),
            "{keys:?} should be unique to this page: {c:#?}"
        );
        assert!(
            c.evidence.iter().all(|e| e.relation != Relation::Confirms),
            "{keys:?}: {c:#?}"
        );
    }
}

#[test]
fn no_claim_is_confirmed_by_unrelated_text_and_paraphrases_do_not_contradict() {
    let Some(story) = Story::load() else { return };
    // Across all five checks, every contradiction must come with a contradicting reason.
    for n in 0..5 {
        let report = story.check(n);
        for c in &report.claims {
            for e in &c.evidence {
                if e.relation == Relation::Contradicts {
                    assert!(e.reasons.iter().any(|r| r.contradicts), "seed {n}: {c:#?}");
                }
            }
        }
    }
}

/// A sports report, written for this test, against the seeds: no story (so no claims), and,
/// compared with every source anyway, no evidence at all.
#[test]
fn unrelated_page_gets_no_evidence() {
    let Some(story) = Story::load() else { return };
    let sources = story
        .seeds
        .iter()
        .map(|(id, text)| Source {
            id: id.clone(),
            text: text.clone(),
            ..Default::default()
        })
        .collect();
    let engine = Engine::new(Corpus { sources }).expect("engine");
    let page = "Riverside United beat Northgate Rovers 3-1 on Saturday to climb to second place in the league. \
        Striker Tomas Elling scored twice in the first half, both from crosses by the left back. \
        Northgate pulled one back from a penalty after the break, but their keeper was sent off ten minutes later. \
        The home crowd of 18,000 sang through the final whistle. \
        Riverside's coach said the squad would rest two players before Wednesday's cup tie.";
    let gated = engine.check(page).expect("check");
    assert_eq!((gated.story, gated.claims.len()), (None, 0));
    let options = corroborate::CheckOptions {
        all_sources: true,
        ..Default::default()
    };
    let report = engine.check_with(page, &options).expect("check");
    assert!(report.claims.len() >= 4);
    for c in &report.claims {
        assert!(c.evidence.is_empty(), "unrelated page got evidence: {c:#?}");
        assert_eq!(c.verdict, Verdict::Unique);
    }
}
