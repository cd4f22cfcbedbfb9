//! End-to-end and retrieval benchmarks on synthetic corpora (see `corroborate_synth`), plus
//! the seed story from `../shared/seeds` when it is there.
//!
//! Run with `cargo bench --bench check`. Besides criterion's figures, the bench prints to
//! stderr, once: memory per indexed sentence at 100k, and the speed of the pruned retrieval
//! relative to an exhaustive scan timed in the same run (these shared machines are noisy, so
//! ratios are the figures to compare).

use corroborate::{claim_terms, extract_claims, terms, Corpus, Engine, Index, Source};
use corroborate_synth as synth;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::path::PathBuf;
mod common;

use common::best_of;
use std::time::{Duration, Instant};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];
const PAGE_WORDS: [usize; 2] = [1_000, 5_000];

/// An index built the way the engine builds its own: the claim sentences of every source.
fn build_index(corpus: &Corpus) -> Index {
    let mut index = Index::new();
    for (doc, s) in corpus.sources.iter().enumerate() {
        for (_, t) in claim_terms(&s.text) {
            index.add(doc as u32, t.iter().map(String::as_str));
        }
    }
    index
}

/// The retrieval terms of each claim of a page.
fn page_queries(page: &str) -> Vec<Vec<String>> {
    extract_claims(page)
        .iter()
        .map(|c| terms(&c.tokens))
        .collect()
}

fn bench_check(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for &size in &SIZES {
        let corpus = synth::corpus(42, size);
        let engine = Engine::new(corpus.clone()).expect("synthetic corpus");
        // The synthetic page runs through several stories' sentences: it is compared with
        // every source, so that the figures measure the same work as before stories.
        let all = corroborate::CheckOptions {
            all_sources: true,
            ..Default::default()
        };
        for &words in &PAGE_WORDS {
            let page = synth::page(7, words, &corpus);
            let t = Instant::now();
            let report = engine.check_with(&page, &all).expect("page has text");
            eprintln!(
                "check: {words}-word page ({} claims) vs {size} sentences: first run {:.1} ms",
                report.claims.len(),
                t.elapsed().as_secs_f64() * 1e3
            );
            if t.elapsed() > Duration::from_millis(1500) {
                // Too slow for ten criterion samples in a few minutes: the single run is the figure.
                eprintln!("check: {words}w/{size}: not sampled by criterion (over 1.5 s per run)");
                continue;
            }
            group.throughput(Throughput::Elements(report.claims.len() as u64));
            group.bench_with_input(
                BenchmarkId::new(format!("{words}w"), size),
                &page,
                |b, page| b.iter(|| engine.check_with(black_box(page), &all)),
            );
        }
    }
    group.finish();
}

fn bench_seeds(c: &mut Criterion) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect(),
        Err(_) => {
            eprintln!("skipping seed story bench: ../shared not found");
            return;
        }
    };
    files.sort();
    let texts: Vec<(String, String)> = files
        .iter()
        .filter_map(|p| {
            let id = p.file_stem()?.to_string_lossy().into_owned();
            Some((id, std::fs::read_to_string(p).ok()?))
        })
        .collect();
    if texts.len() < 2 {
        eprintln!("skipping seed story bench: fewer than two seed articles");
        return;
    }
    let mut group = c.benchmark_group("seeds");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    for (i, (id, page)) in texts.iter().enumerate() {
        let corpus = Corpus {
            sources: texts
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, (id, text))| Source {
                    id: id.clone(),
                    text: text.clone(),
                    ..Default::default()
                })
                .collect(),
        };
        let engine = Engine::new(corpus).expect("seed corpus");
        group.bench_with_input(BenchmarkId::new("page_vs_others", id), page, |b, page| {
            b.iter(|| engine.check(black_box(page)))
        });
    }
    group.finish();
}

fn bench_retrieval(c: &mut Criterion) {
    let size = 100_000;
    let corpus = synth::corpus(42, size);
    let t = Instant::now();
    let mut index = build_index(&corpus);
    let build = t.elapsed();
    let page = synth::page(7, 5_000, &corpus);
    let queries = page_queries(&page);
    let queries: Vec<Vec<&str>> = queries
        .iter()
        .map(|q| q.iter().map(String::as_str).collect())
        .collect();
    let n = queries.len().max(1);

    // Memory, once.
    let text_bytes: usize = corpus.sources.iter().map(|s| s.text.len()).sum();
    let grown = index.memory_bytes();
    index.shrink_to_fit();
    let tight = index.memory_bytes();
    let entries = index.len().max(1);
    // The engine holds, per sentence, its source and span (12 bytes) besides the index.
    let engine_bytes = tight + 12 * entries;
    eprintln!(
        "memory at {entries} indexed sentences: index {:.0} B/sentence as built, {:.0} B/sentence after shrink_to_fit; \
         engine (index + spans) ~{:.0} B/sentence; source text {:.0} B/sentence stored separately; index built in {:.0} ms",
        grown as f64 / entries as f64,
        tight as f64 / entries as f64,
        engine_bytes as f64 / entries as f64,
        text_bytes as f64 / entries as f64,
        build.as_secs_f64() * 1e3
    );

    // Same-run ratio of the pruned search to the exhaustive scan.
    let pruned = best_of(5, || {
        for q in &queries {
            black_box(index.search(q, 3));
        }
    });
    // The exhaustive scan is slow: time it on the first queries only, and the pruned search
    // on the same ones for the ratio.
    let few = &queries[..queries.len().min(40)];
    let pruned_few = best_of(5, || {
        for q in few {
            black_box(index.search(q, 3));
        }
    });
    let scan = best_of(2, || {
        for q in few {
            black_box(index.query(q).per_doc(3).exhaustive());
        }
    });
    let hits: usize = queries.iter().map(|q| index.search(q, 3).len()).sum();
    eprintln!(
        "retrieval at {entries}: pruned {:.1} us/query ({n} queries, {:.1} hits/query); on the first {}: pruned {:.1} us/query, \
         exhaustive scan {:.1} us/query, speed-up x{:.1}",
        pruned.as_secs_f64() * 1e6 / n as f64,
        hits as f64 / n as f64,
        few.len(),
        pruned_few.as_secs_f64() * 1e6 / few.len().max(1) as f64,
        scan.as_secs_f64() * 1e6 / few.len().max(1) as f64,
        scan.as_secs_f64() / pruned_few.as_secs_f64().max(1e-12),
    );

    let mut group = c.benchmark_group("retrieval_100k");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function("pruned_per_page", |b| {
        b.iter(|| {
            for q in &queries {
                black_box(index.search(black_box(q), 3));
            }
        })
    });
    group.throughput(Throughput::Elements(few.len() as u64));
    group.bench_function("exhaustive_first_40", |b| {
        b.iter(|| {
            for q in few {
                black_box(index.query(black_box(q)).per_doc(3).exhaustive());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench_retrieval, bench_check, bench_seeds);
criterion_main!(benches);
