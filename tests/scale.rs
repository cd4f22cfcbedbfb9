//! Scale sanity: a 20k-sentence synthetic corpus, indexed and checked (not timed).

// Native only: reads files or runs the CLI (the browser tests are tests/web.rs).
#![cfg(not(target_arch = "wasm32"))]

use corroborate::{claim_terms, is_claim, terms, tokenize, Engine, Index};
use corroborate_synth::{self as synth, Kind};

const SENTENCES: usize = 20_000;

#[test]
fn paraphrases_find_their_origin_at_20k() {
    let corpus = synth::corpus(2024, SENTENCES);
    let page = synth::page_with_origins(5, 800, &corpus);

    // The index, built as the engine builds it, remembering each entry's text.
    let mut index = Index::new();
    let mut texts: Vec<&str> = Vec::new();
    for (doc, s) in corpus.sources.iter().enumerate() {
        for (r, t) in claim_terms(&s.text) {
            index.add(doc as u32, t.iter().map(String::as_str));
            texts.push(&s.text[r]);
        }
    }
    assert!(index.len() >= SENTENCES * 9 / 10, "{} entries", index.len());
    index.shrink_to_fit();
    let per_entry = index.memory_bytes() / index.len();
    assert!(per_entry < 500, "{per_entry} bytes per entry");

    // Every paraphrased sentence finds its origin as the top hit (or tied with it: another
    // outlet may word the same fact identically).
    let mut checked = 0;
    let mut missed = 0;
    for s in page.sentences.iter().filter(|s| s.kind == Kind::Paraphrase) {
        let Some(origin) = &s.origin else { continue };
        if !is_claim(&s.text) {
            continue;
        }
        let t = terms(&tokenize(&s.text));
        let q: Vec<&str> = t.iter().map(String::as_str).collect();
        let hits = index.search(&q, 3);
        let top = hits
            .first()
            .unwrap_or_else(|| panic!("no hit for {:?}", s.text));
        let origin_hit = hits.iter().find(|h| {
            h.doc as usize == origin.source && texts[h.entry as usize] == origin.sentence
        });
        let origin_hit = origin_hit.unwrap_or_else(|| panic!("origin of {:?} not found", s.text));
        if origin_hit.score == top.score {
            checked += 1;
        } else {
            eprintln!(
                "{:?}: top is {:?}, origin {:?} ({} vs {})",
                s.text, texts[top.entry as usize], origin.sentence, top.score, origin_hit.score
            );
            missed += 1;
        }
    }
    assert!(
        checked >= 20 && missed == 0,
        "{missed} of {} paraphrases missed their origin",
        checked + missed
    );

    // The engine on the same corpus: every paraphrase is at least related to its origin's
    // source, through the origin sentence itself or an equally close one.
    let engine = Engine::new(corpus.clone()).expect("synthetic corpus");
    // Each source's headline is indexed too (a headline is part of what a source says).
    let titles = corpus
        .sources
        .iter()
        .filter(|s| s.title.as_deref().is_some_and(is_claim))
        .count();
    assert_eq!(engine.len_sentences(), texts.len() + titles);
    // The synthetic page runs through the sentences of several stories in turn: it is
    // compared with every source, as before stories (the test is of retrieval, not grouping).
    let options = corroborate::CheckOptions {
        all_sources: true,
        ..Default::default()
    };
    let report = engine
        .check_with(&page.text, &options)
        .expect("page has text");
    assert!(
        report.claims.len() >= page.sentences.len() * 9 / 10,
        "{} claims",
        report.claims.len()
    );
    let mut found = 0;
    let mut total = 0;
    for s in page.sentences.iter().filter(|s| s.kind == Kind::Paraphrase) {
        let (Some(origin), Some(claim)) =
            (&s.origin, report.claims.iter().find(|c| c.text == s.text))
        else {
            continue;
        };
        total += 1;
        let id = &corpus.sources[origin.source].id;
        if claim.evidence.iter().any(|e| &e.source == id) {
            found += 1;
        }
    }
    assert!(
        total >= 20 && found == total,
        "{found} of {total} paraphrases found their origin's source"
    );
}
