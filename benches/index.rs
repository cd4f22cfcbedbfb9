//! The static index (`corroborate::store`) on a synthetic corpus: building it, and checking a
//! 5,000-word page through the lazy reader (a cold reader: the shards fetched, from memory, and
//! the page checked; and a warm one: the shards already there), against the engine of the whole
//! corpus in the same run as the baseline.
//!
//! Run with `cargo bench --bench index` (100k sentences; `CORROBORATE_INDEX_SENTENCES=1000000`
//! for 1M). Besides criterion's figures, the bench prints to stderr, once: the build's speed
//! in sentences per second, the index's size, what the page fetched (shards and bytes), the
//! lazy check's time per page sentence, and its ratio to the whole engine's (these shared
//! machines are noisy: the ratios are the figures to compare).

use corroborate::store::{self, Built, Lazy};
use corroborate::Engine;
use corroborate_synth as synth;
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::time::Instant;
mod common;

use common::best_of;

fn sentences() -> usize {
    std::env::var("CORROBORATE_INDEX_SENTENCES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000)
}

/// A reader of `built` that has fetched what `page` needs; returns it and the rounds.
fn fetch(built: &Built, page: &str) -> (Lazy, usize) {
    let mut lazy = Lazy::new(built.manifest.clone());
    let mut rounds = 0;
    loop {
        let wanted = lazy.wants(page, None).expect("wants");
        if wanted.is_empty() {
            return (lazy, rounds);
        }
        rounds += 1;
        for file in wanted {
            let (_, bytes) = built
                .shards
                .iter()
                .find(|(s, _)| s.file == file)
                .expect("a listed shard");
            lazy.add(&file, bytes).expect("add");
        }
    }
}

fn bench_index(c: &mut Criterion) {
    let n = sentences();
    let corpus = synth::corpus(1, n);
    let page = synth::page(1, 5_000, &corpus);
    let page_sentences = corroborate::sentences(&page).len().max(1);

    let t = Instant::now();
    let built = store::build(&corpus).expect("build");
    let build = t.elapsed().as_secs_f64();
    let engine = Engine::new(corpus.clone()).expect("engine");
    let (mut lazy, rounds) = fetch(&built, &page);
    let (shards, bytes) = lazy.loaded();
    let same = serde_json::to_string(&lazy.check(&page, None).unwrap()).unwrap()
        == serde_json::to_string(&engine.check(&page).unwrap()).unwrap();
    let whole = best_of(3, || {
        black_box(engine.check(&page).unwrap());
    });
    let cold = best_of(3, || {
        let (mut l, _) = fetch(&built, &page);
        black_box(l.check(&page, None).unwrap());
    });
    let warm = best_of(3, || {
        black_box(lazy.check(&page, None).unwrap());
    });
    eprintln!(
        "index: {n} sentences ({} sources, {} stories): built in {build:.2} s ({:.0} sentences/s); \
         {} shards, {} bytes",
        corpus.sources.len(),
        built.manifest.stories,
        n as f64 / build,
        built.manifest.shards.len(),
        built.manifest.bytes()
    );
    eprintln!(
        "index: a 5,000-word page ({page_sentences} sentences) fetched {shards} shards, {bytes} \
         bytes, in {rounds} rounds; same report as the whole engine: {same}"
    );
    eprintln!(
        "index: check through the index {:.1} ms cold (fetch included, {:.3} ms per page \
         sentence), {:.1} ms warm; the whole engine {:.1} ms (ratios {:.2} and {:.2})",
        cold.as_secs_f64() * 1e3,
        cold.as_secs_f64() * 1e3 / page_sentences as f64,
        warm.as_secs_f64() * 1e3,
        whole.as_secs_f64() * 1e3,
        cold.as_secs_f64() / whole.as_secs_f64(),
        warm.as_secs_f64() / whole.as_secs_f64()
    );

    let mut g = c.benchmark_group("index");
    g.sample_size(10);
    g.bench_function(format!("check 5000 words, whole engine, {n}"), |b| {
        b.iter(|| black_box(engine.check(&page).unwrap()))
    });
    g.bench_function(format!("check 5000 words, lazy cold, {n}"), |b| {
        b.iter(|| {
            let (mut l, _) = fetch(&built, &page);
            black_box(l.check(&page, None).unwrap())
        })
    });
    g.finish();
}

criterion_group!(benches, bench_index);
criterion_main!(benches);
