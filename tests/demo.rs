//! The shipped demo story: every planted case of `demo/expected.json` comes out as listed.

// Native only: reads files or runs the CLI (the browser tests are tests/web.rs).
#![cfg(not(target_arch = "wasm32"))]

use corroborate::{Corpus, Engine, Report, Source};
use corroborate_cli::read::load_path;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn expected() -> Value {
    let text =
        std::fs::read_to_string(root().join("demo/expected.json")).expect("demo/expected.json");
    serde_json::from_str(&text).expect("expected.json parses")
}

fn story() -> Vec<Source> {
    corroborate_cli::read::load_corpus(&[root().join("demo/story")])
        .expect("demo story loads")
        .sources
}

/// Check the source `page` against the other sources of the story (and the unrelated page).
fn check(sources: &[Source], page: &str) -> Report {
    let unrelated = load_path(&root().join("demo/unrelated.txt")).expect("unrelated page");
    let others: Vec<Source> = sources
        .iter()
        .filter(|s| s.id != page)
        .cloned()
        .chain(unrelated)
        .collect();
    let text = &sources.iter().find(|s| s.id == page).expect("page id").text;
    Engine::new(Corpus { sources: others })
        .expect("engine")
        .check(text)
        .expect("check")
}

#[test]
fn planted_cases_come_out_right() {
    let sources = story();
    let mut failures = Vec::new();
    let mut strict = 0;
    for case in expected()["cases"].as_array().expect("cases") {
        let name = case["name"].as_str().unwrap_or("?");
        let Some(page) = case["page"].as_str() else {
            continue;
        };
        if page == "unrelated" {
            continue; // unrelated_page_matches_nothing_in_the_story
        }
        let soft = case["soft"].as_bool().unwrap_or(false);
        let report = check(&sources, page);
        let needle = case["claim"].as_str().expect("claim");
        let Some(claim) = report.claims.iter().find(|c| c.text.contains(needle)) else {
            failures.push(format!("{name}: no claim of {page} contains {needle:?}"));
            continue;
        };
        let mut problems = Vec::new();
        if let Some(v) = case["verdict"].as_str() {
            if claim.verdict.as_str() != v {
                problems.push(format!("verdict {} (want {v})", claim.verdict.as_str()));
            }
        }
        if let Some(map) = case["sources"].as_object() {
            for (source, want) in map {
                let got = claim
                    .evidence
                    .iter()
                    .find(|e| &e.source == source)
                    .map_or("unrelated", |e| e.relation.as_str());
                if got != want.as_str().unwrap_or("") {
                    problems.push(format!("{source} {got} (want {want})"));
                }
            }
        }
        if let Some(reason) = case["reason"].as_object() {
            let kind = reason["kind"].as_str().unwrap_or("");
            let contradicts = reason.get("contradicts").and_then(Value::as_bool);
            let found = claim.evidence.iter().flat_map(|e| &e.reasons).any(|r| {
                r.kind.as_str() == kind
                    && contradicts.is_none_or(|c| c == r.contradicts)
                    && reason
                        .get("page")
                        .and_then(Value::as_str)
                        .is_none_or(|p| r.page.contains(p))
                    && reason
                        .get("source")
                        .and_then(Value::as_str)
                        .is_none_or(|s| r.source.contains(s))
            });
            if !found {
                problems.push(format!("no {kind} reason like {reason:?}"));
            }
        }
        if !problems.is_empty() {
            let line = format!(
                "{name}: {} — claim {:?}, evidence {:#?}",
                problems.join("; "),
                claim.text,
                claim.evidence
            );
            if soft {
                eprintln!("soft case differs: {line}");
            } else {
                failures.push(line);
            }
        }
        if !soft {
            strict += 1;
        }
    }
    assert!(strict >= 15, "expected.json should hold the planted cases");
    assert!(
        failures.is_empty(),
        "{} planted case(s) wrong:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn unrelated_page_matches_nothing_in_the_story() {
    let corpus = corroborate_cli::read::load_corpus(&[root().join("demo/story")]).expect("story");
    let engine = Engine::new(corpus).expect("engine");
    let page = load_path(Path::new(&root().join("demo/unrelated.txt"))).expect("unrelated");
    // It matches no story among the sources: no coverage, and no claim marked unique.
    let report = engine.check(&page[0].text).expect("check");
    assert_eq!(report.story, None);
    assert!(report.claims.is_empty(), "{:#?}", report.claims);
    assert_eq!((report.summary.sources, report.summary.available), (0, 4));
    // Compared with every source anyway, none of them speaks of any of its claims.
    let options = corroborate::CheckOptions {
        all_sources: true,
        ..Default::default()
    };
    let report = engine.check_with(&page[0].text, &options).expect("check");
    assert!(!report.claims.is_empty());
    for c in &report.claims {
        assert!(c.evidence.is_empty(), "{c:#?}");
    }
}

#[test]
fn list_items_after_a_lead_in_are_not_claims() {
    // Coastline News: "Selkie Line has asked customers with bookings this week to:" and two
    // bullets that continue it. Neither the lead-in nor the items are claims of the page.
    let sources = story();
    let report = check(&sources, "coastline-news");
    let items = ["check the operator's website", "keep their tickets"];
    for c in &report.claims {
        for item in items {
            assert!(!c.text.contains(item), "list item is a claim: {:?}", c.text);
        }
        assert!(!c.text.ends_with("this week to:"), "lead-in is a claim");
    }
    // The sentences around the list still are.
    for around in [
        "Selkie Line ferries have run",
        "has since been moved to a berth",
    ] {
        assert!(
            report.claims.iter().any(|c| c.text.contains(around)),
            "no claim contains {around:?}"
        );
    }
    // Nor are the items indexed when Coastline News is a source of another page.
    for page in ["harbour-herald", "morning-ledger", "northern-wire"] {
        let report = check(&sources, page);
        for e in report.claims.iter().flat_map(|c| &c.evidence) {
            for item in items {
                assert!(
                    !e.text.contains(item),
                    "{page}: list item as evidence: {e:#?}"
                );
            }
        }
    }
}

/// The claim of `report` that contains `needle`.
fn claim<'r>(report: &'r Report, needle: &str) -> &'r corroborate::ClaimReport {
    report
        .claims
        .iter()
        .find(|c| c.text.contains(needle))
        .unwrap_or_else(|| panic!("no claim contains {needle:?}"))
}

#[test]
fn a_headline_with_a_number_is_not_confirmed_by_one_without_and_meets_the_other_headline() {
    // Coastline's headline says three were hurt; the Herald's headline (its `Title:` line, not
    // part of its text) says five; the Wire's "Ferry strikes pier" gives no number.
    let report = check(&story(), "coastline-news");
    let c = claim(&report, "Three hurt as ferry strikes pier");
    assert!(
        c.evidence
            .iter()
            .all(|e| e.relation != corroborate::Relation::Confirms),
        "{c:#?}"
    );
    let herald = c
        .evidence
        .iter()
        .find(|e| e.source == "harbour-herald")
        .unwrap_or_else(|| panic!("the Herald's headline is compared: {c:#?}"));
    assert!(herald.from_title, "{herald:#?}");
    assert_eq!(
        herald.relation,
        corroborate::Relation::Contradicts,
        "{herald:#?}"
    );
    assert!(
        herald
            .reasons
            .iter()
            .any(|r| r.contradicts && r.source.contains("five")),
        "{herald:#?}"
    );
}

#[test]
fn a_day_that_two_outlets_state_elsewhere_is_disputed_not_contradicted() {
    // Reading as the Herald: Coastline says Monday; the Wire and the Ledger say Tuesday evening
    // in sentences about the collision that do not repeat the claim word for word.
    let report = check(&story(), "harbour-herald");
    let c = claim(&report, "The collision happened on Tuesday evening");
    assert_eq!(c.verdict, corroborate::Verdict::Disputed, "{c:#?}");
}

#[test]
fn a_conflict_on_another_count_is_not_shown_on_a_claim() {
    // "5 passengers were injured" is about the injured, not about who was on board.
    for (page, needle) in [
        ("harbour-herald", "212 passengers and 14 crew"),
        ("coastline-news", "212 passengers and 14 crew"),
    ] {
        let report = check(&story(), page);
        let c = claim(&report, needle);
        assert_eq!(c.verdict, corroborate::Verdict::Confirmed, "{page}: {c:#?}");
        for e in &c.evidence {
            assert!(
                e.reasons.iter().all(|r| !r.contradicts),
                "{page}: {}: {:#?}",
                e.source,
                e.reasons
            );
        }
    }
}
