//! Checks facts and judgements on the five seed articles in `../shared/seeds`, read at test
//! time. Sentences are located by short keywords; no article text is stored here.

// Native only: reads files or runs the CLI (the browser tests are tests/web.rs).
#![cfg(not(target_arch = "wasm32"))]

use corroborate::{compare, Facts, Reason, ReasonKind};

mod common;

/// The seed articles' texts, or `None` (with a visible message) when `../shared` is missing.
fn seeds() -> Option<Vec<String>> {
    common::seeds().map(|seeds| seeds.into_iter().map(|(_, text)| text).collect())
}

/// The sentence around the first occurrence of `key`: a small splitter that does not end a
/// sentence after an initialism ("U.S.") so the test does not depend on the segmenter.
fn sentence(texts: &[String], key: &str) -> String {
    for text in texts {
        let Some(at) = text.find(key) else { continue };
        let is_end = |i: usize| -> bool {
            let b = text.as_bytes();
            if b[i] == b'\n' {
                return true;
            }
            if !matches!(b[i], b'.' | b'?' | b'!')
                || b.get(i + 1).is_some_and(|c| !c.is_ascii_whitespace())
            {
                return false;
            }
            // "U.S." and "Nov." do not end a sentence.
            let word: &str = text[..i]
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("");
            !(word.contains('.')
                || (word.len() <= 3 && word.chars().next().is_some_and(char::is_uppercase)))
        };
        let start = (0..at)
            .rev()
            .find(|&i| text.is_char_boundary(i) && is_end(i))
            .map_or(0, |i| i + 1);
        let end = (at..text.len())
            .find(|&i| text.is_char_boundary(i) && is_end(i))
            .map_or(text.len(), |i| i + 1);
        return text[start..end].trim().to_string();
    }
    panic!("no seed sentence contains {key:?}");
}

fn run(page: &str, source: &str) -> Vec<Reason> {
    compare(page, &Facts::extract(page), source, &Facts::extract(source))
}

#[test]
fn congressman_contradicts_every_defense_title() {
    let Some(texts) = seeds() else { return };
    let page = sentence(&texts, "Congressman Pete Hegseth");
    let titles = [
        (
            "Defense Secretary Pete Hegseth visited",
            "Defense Secretary",
        ),
        ("Secretary of War Pete Hegseth", "Secretary of War"),
        ("Secretary of Defense Pete Hegseth", "Secretary of Defense"),
        ("Pentagon Chief Pete Hegseth", "Pentagon Chief"),
    ];
    for (key, title) in titles {
        let source = sentence(&texts, key);
        let got = run(&page, &source);
        let role = got.iter().find(|r| r.kind == ReasonKind::Role);
        assert!(
            role.is_some_and(|r| r.contradicts && r.page == "Congressman" && r.source == title),
            "{key:?}: {got:?}"
        );
        // and the other way round
        let back = run(&source, &page);
        assert!(
            back.iter()
                .any(|r| r.kind == ReasonKind::Role && r.contradicts && r.page == title),
            "{key:?} reversed: {back:?}"
        );
    }
}

#[test]
fn defense_titles_are_synonyms() {
    let Some(texts) = seeds() else { return };
    let keys = [
        "Defense Secretary Pete Hegseth visited",
        "Secretary of War Pete Hegseth",
        "Secretary of Defense Pete Hegseth",
        "Pentagon Chief Pete Hegseth",
    ];
    for a in keys {
        for b in keys {
            let (pa, pb) = (sentence(&texts, a), sentence(&texts, b));
            let got = run(&pa, &pb);
            assert!(
                got.iter()
                    .all(|r| r.kind != ReasonKind::Role && r.kind != ReasonKind::Person),
                "{a:?} vs {b:?}: {got:?}"
            );
        }
    }
}

#[test]
fn up_to_forty_fighters_is_a_hedge_and_decades_are_equal() {
    let Some(texts) = seeds() else { return };
    let jets = sentence(&texts, "Su-35 fighter jets");
    let fighters = sentence(&texts, "up to 40 Russian Su-35 fighters");
    for (name, page, source) in [
        (
            "the jets page against the fighters source",
            &jets,
            &fighters,
        ),
        (
            "the fighters page against the jets source",
            &fighters,
            &jets,
        ),
    ] {
        let got = run(page, source);
        assert!(got.iter().all(|r| !r.contradicts), "{name}: {got:?}");
        let hedge: Vec<&Reason> = got.iter().filter(|r| r.kind == ReasonKind::Hedge).collect();
        assert_eq!(hedge.len(), 1, "{name}: {got:?}");
        assert!(
            hedge[0].page.contains("40") && hedge[0].source.contains("40"),
            "{name}: {got:?}"
        );
        // "almost twenty years" and "nearly two decades": no duration reason at all.
        assert!(
            got.iter().all(|r| r.kind != ReasonKind::Duration),
            "{name}: {got:?}"
        );
    }
    let twenty = Facts::extract(&jets)
        .numbers
        .into_iter()
        .find(|n| n.unit == ["year"])
        .map(|n| n.value);
    let decades = Facts::extract(&fighters)
        .numbers
        .into_iter()
        .find(|n| n.unit == ["year"])
        .map(|n| n.value);
    assert_eq!((twenty, decades), (Some(20.0), Some(20.0)));
}

#[test]
fn thirtieth_anniversary_is_thirty_years() {
    let Some(texts) = seeds() else { return };
    let anniversary = sentence(
        &texts,
        "30th anniversary of diplomatic relations between the two former",
    );
    let years = sentence(&texts, "30 years of diplomatic relations and two years");
    for (name, page, source) in [
        (
            "the anniversary page against the years source",
            &anniversary,
            &years,
        ),
        (
            "the years page against the anniversary source",
            &years,
            &anniversary,
        ),
    ] {
        let got = run(page, source);
        assert!(
            got.iter()
                .all(|r| !r.contradicts && r.kind != ReasonKind::Duration),
            "{name}: {got:?}"
        );
    }
}
