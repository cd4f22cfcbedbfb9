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

/// The heap in use, counted by a global allocator around the system's: what the lazy reader
/// holds is the growth while it is made, fed and checks a page.
struct Counting;

static IN_USE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

// SAFETY: every call is passed to the system allocator unchanged; only a counter is added.
unsafe impl std::alloc::GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        IN_USE.fetch_add(layout.size(), std::sync::atomic::Ordering::Relaxed);
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { std::alloc::System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        IN_USE.fetch_sub(layout.size(), std::sync::atomic::Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn in_use() -> usize {
    IN_USE.load(std::sync::atomic::Ordering::Relaxed)
}

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
    let before = in_use();
    let (mut lazy, rounds) = fetch(&built, &page);
    let lazy_report = serde_json::to_string(&lazy.check(&page, None).unwrap()).unwrap();
    let held = in_use().saturating_sub(before + lazy_report.len());
    let (shards, bytes) = lazy.loaded();
    let same = lazy_report == serde_json::to_string(&engine.check(&page).unwrap()).unwrap();
    let mut kinds: Vec<(&str, usize, u64)> = Vec::new();
    for s in lazy.loaded_shards() {
        match kinds.iter_mut().find(|k| k.0 == s.kind.name()) {
            Some(k) => {
                k.1 += 1;
                k.2 += s.bytes;
            }
            None => kinds.push((s.kind.name(), 1, s.bytes)),
        }
    }
    let kinds: Vec<String> = kinds
        .iter()
        .map(|(k, n, b)| format!("{k} {n} ({b} bytes)"))
        .collect();
    let manifest = built.manifest.to_json().len();
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
        "index: a 5,000-word page ({page_sentences} sentences) fetched the manifest \
         ({manifest} bytes) and {shards} shards, {bytes} bytes ({}), in {rounds} rounds; \
         {} bytes in all; same report as the whole engine: {same}",
        kinds.join(", "),
        bytes + manifest as u64
    );
    eprintln!(
        "index: the reader holds {held} bytes of heap after the page ({:.1} bytes per sentence \
         of the corpus)",
        held as f64 / n as f64
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
