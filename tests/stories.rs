//! Story grouping (`src/stories/`): the demo story and the seed story each form one story, an
//! unrelated page matches none of them (and is checked against nothing), explicit labels are
//! kept, a synthetic mix of many stories is grouped with measured purity and completeness,
//! and the grouping's work grows linearly with the corpus.
//!
//! `cargo test --release --test stories -- --nocapture` prints the figures.

// Native only: reads files (the browser tests are tests/web.rs).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use corroborate::{CheckOptions, Corpus, Engine, Source, Story};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn demo() -> Corpus {
    corroborate_cli::read::load_corpus(&[root().join("demo/story")]).expect("demo story")
}

fn demo_unrelated() -> Source {
    corroborate_cli::read::load_path(&root().join("demo/unrelated.txt"))
        .expect("demo/unrelated.txt")
        .remove(0)
}

/// A fictional page on something else entirely (a honey fair), written for this test.
fn unrelated_page() -> String {
    corroborate_cli::read::load_path(&root().join("tests/fixtures/stories/unrelated.txt"))
        .expect("the unrelated fixture")
        .remove(0)
        .text
}

fn seeds() -> Option<Vec<Source>> {
    Some(
        common::seeds()?
            .into_iter()
            .map(|(id, text)| Source::new(id, text))
            .collect(),
    )
}

fn members(stories: &[Story]) -> Vec<Vec<&str>> {
    let mut m: Vec<Vec<&str>> = stories
        .iter()
        .map(|s| {
            let mut ids: Vec<&str> = s.sources.iter().map(String::as_str).collect();
            ids.sort_unstable();
            ids
        })
        .collect();
    m.sort();
    m
}

/// The page matches no story: `story_of` is `None`, and the check has no story and no claims
/// but counts the sources it had.
fn assert_no_coverage(engine: &Engine, page: &str) {
    assert_eq!(engine.story_of(page), None);
    let report = engine.check(page).expect("check");
    assert_eq!(report.story, None);
    assert!(report.claims.is_empty(), "{:#?}", report.claims);
    assert_eq!(report.summary.sources, 0);
    assert_eq!(report.summary.available, engine.sources().count());
    // With every source, the page is checked as before: its claims, all unique.
    let all = engine
        .check_with(
            page,
            &CheckOptions {
                all_sources: true,
                ..Default::default()
            },
        )
        .expect("check");
    assert!(!all.claims.is_empty());
    assert_eq!(all.summary.sources, engine.sources().count());
}

#[test]
fn the_demo_story_is_one_story_and_the_match_report_none() {
    let corpus = demo();
    let ids: Vec<String> = corpus.sources.iter().map(|s| s.id.clone()).collect();
    let engine = Engine::new(corpus.clone()).expect("engine");
    let stories = engine.stories();
    assert_eq!(stories.len(), 1, "{stories:#?}");
    let story = &stories[0];
    assert_eq!(story.sources, ids);
    assert!(
        story.id.starts_with("auto:") && story.id.len() == 13,
        "{}",
        story.id
    );
    assert!(story.label.contains("Caldmoor"), "{}", story.label);
    // Each outlet's page belongs to it, itself excluded, and is compared with the other three.
    for s in &corpus.sources {
        assert_eq!(engine.story_of(&s.text).as_ref(), Some(story), "{}", s.id);
        let report = engine.check_excluding(&s.text, Some(&s.id)).expect("check");
        assert_eq!(
            report.story.as_ref().map(|r| r.id.as_str()),
            Some(story.id.as_str())
        );
        assert_eq!((report.summary.sources, report.summary.available), (3, 3));
    }
    // The football report matches none of it.
    assert_no_coverage(&engine, &demo_unrelated().text);
    // Added as a source, it is a story of its own, and the ferry's pages keep theirs.
    let mut both = corpus.clone();
    both.sources.push(demo_unrelated());
    let engine = Engine::new(both).expect("engine");
    let stories = engine.stories();
    assert_eq!(stories.len(), 2, "{stories:#?}");
    assert_eq!(stories[1].sources, ["unrelated"]);
    let report = engine.check(&corpus.sources[0].text).expect("check");
    assert_eq!(report.summary.sources, 3);
    assert_eq!(report.summary.available, 4);
}

#[test]
fn the_seeds_are_one_story_and_the_honey_fair_none_of_it() {
    let Some(seeds) = seeds() else { return };
    let engine = Engine::new(Corpus {
        sources: seeds.clone(),
    })
    .expect("engine");
    let stories = engine.stories();
    println!(
        "seeds: {} story: {:?}",
        stories.len(),
        stories.iter().map(|s| &s.label).collect::<Vec<_>>()
    );
    assert_eq!(stories.len(), 1, "{stories:#?}");
    assert_eq!(stories[0].sources.len(), 5);
    assert!(stories[0].label.contains("Vietnam"), "{}", stories[0].label);
    // Each seed, as a page, matches the story among the other four.
    for (n, page) in seeds.iter().enumerate() {
        let others = seeds
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != n)
            .map(|(_, s)| s.clone())
            .collect();
        let engine = Engine::new(Corpus { sources: others }).expect("engine");
        let story = engine.story_of(&page.text).expect("the seed's story");
        assert_eq!(story.sources.len(), 4, "{}", page.id);
        let report = engine.check(&page.text).expect("check");
        assert_eq!(report.summary.sources, 4, "{}", page.id);
        assert!(!report.claims.is_empty());
    }
    assert_no_coverage(&engine, &unrelated_page());
    assert_no_coverage(&engine, &demo_unrelated().text);
    // The seeds and the demo story side by side: two stories, and a page of each finds its own.
    let mut mixed = seeds.clone();
    mixed.extend(demo().sources);
    let engine = Engine::new(Corpus { sources: mixed }).expect("engine");
    let stories = engine.stories();
    assert_eq!(stories.len(), 2, "{stories:#?}");
    let seed_ids: Vec<&str> = seeds.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(stories[0].sources, seed_ids);
    assert_eq!(stories[1].sources.len(), 4);
    let ferry = engine.story_of(&demo().sources[1].text).expect("the ferry");
    assert_eq!(ferry.id, stories[1].id);
    assert_no_coverage(&engine, &unrelated_page());
}

#[test]
fn explicit_labels_are_respected() {
    let Some(seeds) = seeds() else { return };
    let label = |mut s: Source, l: &str| {
        s.story = Some(l.into());
        s
    };
    // One story split in two by its labels: never merged again.
    let sources: Vec<Source> = demo()
        .sources
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            label(
                s,
                if i < 2 {
                    "Ferry, first reports"
                } else {
                    "Ferry inquiry"
                },
            )
        })
        .collect();
    let engine = Engine::new(Corpus {
        sources: sources.clone(),
    })
    .expect("engine");
    let stories = engine.stories();
    let got: Vec<(&str, &str, usize)> = stories
        .iter()
        .map(|s| (s.id.as_str(), s.label.as_str(), s.sources.len()))
        .collect();
    assert_eq!(
        got,
        [
            ("story:ferry-first-reports", "Ferry, first reports", 2),
            ("story:ferry-inquiry", "Ferry inquiry", 2)
        ]
    );
    // A page of the story goes to one of the labels, and is compared with that label's only.
    let page = &sources[0].text;
    let report = engine
        .check_excluding(page, Some(&sources[0].id))
        .expect("check");
    assert_eq!(report.summary.sources, 1);
    // One label over two events is one story; unlabelled sources of either join it, since a
    // labelled story takes what it matches.
    let mut mixed: Vec<Source> = seeds
        .iter()
        .take(2)
        .cloned()
        .map(|s| label(s, "My reading list"))
        .collect();
    mixed.extend(
        demo()
            .sources
            .into_iter()
            .take(1)
            .map(|s| label(s, "My reading list")),
    );
    mixed.extend(seeds.iter().skip(2).cloned());
    let engine = Engine::new(Corpus { sources: mixed }).expect("engine");
    let stories = engine.stories();
    assert_eq!(stories.len(), 1, "{stories:#?}");
    assert_eq!(stories[0].label, "My reading list");
    assert_eq!(stories[0].sources.len(), 6);
}

#[test]
fn adding_and_removing_sources_regroups() {
    let corpus = demo();
    let mut engine = Engine::new(Corpus {
        sources: vec![demo_unrelated()],
    })
    .expect("engine");
    let page = corpus.sources[0].text.clone();
    assert_eq!(engine.story_of(&page), None);
    for s in corpus.sources.iter().skip(1) {
        engine.add_source(s.clone()).expect("add");
    }
    assert_eq!(members(&engine.stories()).len(), 2);
    assert_eq!(engine.story_of(&page).map(|s| s.sources.len()), Some(3));
    assert!(engine.remove_source(&corpus.sources[1].id));
    assert_eq!(engine.story_of(&page).map(|s| s.sources.len()), Some(2));
    assert!(engine.remove_source("unrelated"));
    assert_eq!(engine.stories().len(), 1);
}

/// Purity: the share of sources that sit with the majority story of their group. Completeness:
/// the share of sources that sit in the group holding most of their true story.
fn purity_completeness(
    truth: &[&str],
    groups: &[Story],
    index: &HashMap<&str, usize>,
) -> (f64, f64) {
    let n = truth.len() as f64;
    let mut pure = 0usize;
    let mut group_of: HashMap<usize, usize> = HashMap::new();
    for (g, story) in groups.iter().enumerate() {
        let mut count: HashMap<&str, usize> = HashMap::new();
        for id in &story.sources {
            let i = index[id.as_str()];
            group_of.insert(i, g);
            *count.entry(truth[i]).or_default() += 1;
        }
        pure += count.values().max().copied().unwrap_or(0);
    }
    let mut by_truth: HashMap<&str, HashMap<usize, usize>> = HashMap::new();
    for (i, t) in truth.iter().enumerate() {
        *by_truth
            .entry(t)
            .or_default()
            .entry(group_of[&i])
            .or_default() += 1;
    }
    let complete: usize = by_truth
        .values()
        .map(|g| g.values().max().copied().unwrap_or(0))
        .sum();
    (pure as f64 / n, complete as f64 / n)
}

#[test]
fn a_synthetic_mix_of_stories_is_grouped() {
    let mut figures = Vec::new();
    for (seed, size) in [(1u64, 400usize), (2, 400), (3, 1500)] {
        let corpus = corroborate_synth::story_mix(seed, size);
        let truth: Vec<&str> = corpus
            .sources
            .iter()
            .map(|s| corroborate_synth::story_of_id(&s.id))
            .collect();
        let index: HashMap<&str, usize> = corpus
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let engine = Engine::new(corpus.clone()).expect("engine");
        let groups = engine.stories();
        let (purity, completeness) = purity_completeness(&truth, &groups, &index);
        let stories: HashSet<&str> = truth.iter().copied().collect();
        println!(
            "synthetic mix seed {seed}: {} sources, {} true stories, {} groups: purity {purity:.3}, completeness {completeness:.3}",
            corpus.sources.len(),
            stories.len(),
            groups.len()
        );
        figures.push((purity, completeness));
        // A page made from one story's article finds that story.
        let page = &corpus.sources[0];
        let story = engine.story_of(&page.text).expect("a story");
        assert!(story.sources.contains(&page.id));
    }
    for (purity, completeness) in figures {
        assert!(purity >= 0.97, "purity {purity}");
        assert!(completeness >= 0.95, "completeness {completeness}");
    }
}

#[test]
fn grouping_grows_linearly() {
    let small = corroborate_synth::story_mix(9, 1250);
    let large = corroborate_synth::story_mix(9, 5000);
    let work = |corpus: &Corpus| {
        let engine = Engine::new(corpus.clone()).expect("engine");
        let start = std::time::Instant::now();
        let groups = engine.stories();
        let took = start.elapsed();
        // The cap on common terms keeps the grouping as good at 5,000 sources.
        let truth: Vec<&str> = corpus
            .sources
            .iter()
            .map(|s| corroborate_synth::story_of_id(&s.id))
            .collect();
        let index: HashMap<&str, usize> = corpus
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let (purity, completeness) = purity_completeness(&truth, &groups, &index);
        println!(
            "{} sources: purity {purity:.3}, completeness {completeness:.3}",
            corpus.sources.len()
        );
        assert!(purity >= 0.97 && completeness >= 0.95);
        (engine.story_work(), groups.len(), took)
    };
    let (w1, s1, t1) = work(&small);
    let (w2, s2, t2) = work(&large);
    let ratio = w2 as f64 / w1.max(1) as f64;
    println!(
        "grouping: {} sources {w1} pairs scored in {t1:?} ({s1} stories); {} sources {w2} pairs in {t2:?} ({s2} stories); ratio {ratio:.2} for 4x the sources",
        small.sources.len(),
        large.sources.len()
    );
    // Linear growth is 4x; all pairs would be 16x.
    assert!(ratio < 6.0, "{ratio}");
    assert!(
        (w2 as f64) < (large.sources.len() as f64).powi(2) / 20.0,
        "{w2} pairs scored of {} sources",
        large.sources.len()
    );
    if !cfg!(debug_assertions) {
        assert!(t2.as_secs_f64() < 1.0, "{t2:?}");
    }
}

/// A claim checked against one article about it keeps its story: on FNC-1's competition test
/// (a fifth of the pairs), each headline against its article as the only source. Of the
/// headlines that the judgement confirms (ungated, as `stance`), at most 4% may match no
/// story (measured 3.6%: 10 of 281; by the cosine alone, 30%), and a headline against
/// another story's article may match at most 3% of the time (measured 2.1%).
#[test]
fn a_claim_against_its_article_keeps_its_story() {
    let Some(dir) = common::shared("data/fnc1") else {
        return;
    };
    use corroborate_cli::fnc1::{self, Split};
    let pairs = fnc1::load(&dir, Split::Test).expect("the FNC-1 competition test");
    let (mut confirmed, mut lost, mut unrelated, mut matched) = (0, 0, 0, 0);
    for p in pairs.iter().step_by(5) {
        let engine = Engine::new(Corpus {
            sources: vec![Source::new("article", p.body.to_string())],
        })
        .expect("one source");
        let story = engine.story_of(&p.claim);
        if p.gold == corroborate::Relation::Unrelated {
            unrelated += 1;
            matched += usize::from(story.is_some());
        } else if corroborate::stance(&p.claim, &p.body) == corroborate::Relation::Confirms {
            confirmed += 1;
            lost += usize::from(story.is_none());
        }
    }
    println!("confirmed headlines without a story: {lost} of {confirmed}");
    println!("unrelated headlines with a story: {matched} of {unrelated}");
    assert!(
        lost * 25 <= confirmed,
        "{lost} of {confirmed} confirmed headlines lost their story"
    );
    assert!(
        matched * 100 <= unrelated * 3,
        "{matched} of {unrelated} unrelated headlines matched"
    );
}

/// A story of many sources (more than `stories::COMMON` share its names) is still one story:
/// three events of 150 near-identical reports each, in one corpus.
#[test]
fn a_big_story_is_still_one_story() {
    let events = [
        ("Brennholm", "library", "fire chief Oda Varga"),
        ("Selkirk", "bridge", "engineer Tomas Quill"),
        ("Ravensholt", "reservoir", "mayor Ines Harrow"),
    ];
    let mut sources = Vec::new();
    for (k, (town, thing, person)) in events.iter().enumerate() {
        for i in 0..150 {
            sources.push(Source::new(
                format!("s{k}-{i}"),
                format!(
                    "The {thing} in {town} was closed after inspectors found {} faults. \
                     The {thing} will stay shut for months, {person} said. Residents of {town} \
                     were told to use the {} road. Report {i} on the {thing} of {town}.",
                    10 + i,
                    ["north", "south", "east"][i % 3]
                ),
            ));
        }
    }
    let engine = Engine::new(Corpus { sources }).expect("corpus");
    let stories = engine.stories();
    assert_eq!(
        stories.len(),
        3,
        "{:?}",
        stories.iter().map(|s| s.sources.len()).collect::<Vec<_>>()
    );
    for s in &stories {
        assert_eq!(s.sources.len(), 150, "{}", s.label);
    }
    let story = engine
        .story_of("Inspectors closed the Selkirk bridge; engineer Tomas Quill said it stays shut.")
        .expect("the bridge story");
    assert!(
        story.sources.iter().all(|id| id.starts_with("s1-")),
        "{}",
        story.label
    );
}
