//! Linear cost: each step that runs once per source, per quote or per attribute grows in
//! proportion to its input. Every case is run at two sizes ten times apart; besides criterion's
//! figures, the bench prints to stderr, once per case, the ratio of the larger to the smaller
//! (best of at least three runs each, more for a fast case: these shared machines are noisy, so
//! the ratio is the figure to compare; 10 is linear, 100 quadratic).
//!
//! Run with `cargo bench --bench scale`.

use corroborate::{Corpus, Engine, Facts, Source};
use corroborate_cli::html::html_to_text;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;
mod common;

use common::best_of;

/// The best of at least three runs of `f`, and of as many as fit in about half a second (at
/// most 200): a run of a few milliseconds is easily slowed by other work on a shared core.
fn best(f: impl Fn()) -> f64 {
    let once = best_of(1, &f).as_secs_f64();
    let rounds = (0.5 / once.max(1e-6)).clamp(3.0, 200.0) as usize;
    best_of(rounds, &f).as_secs_f64().min(once)
}

/// Prints the ratio of the run time of `f` on the larger input to that on the smaller one.
fn ratio<T>(case: &str, small: &T, large: &T, f: impl Fn(&T)) {
    let a = best(|| f(small));
    let b = best(|| f(large));
    eprintln!(
        "scale: {case}: {:.1} ms -> {:.1} ms, ratio {:.1} (10x the input)",
        a * 1e3,
        b * 1e3,
        b / a.max(1e-9)
    );
}

/// `n` short sources with distinct ids.
fn corpus(n: usize) -> Corpus {
    Corpus {
        sources: (0..n)
            .map(|i| {
                Source::new(
                    format!("source-{i}"),
                    format!("Officials said {i} people attended the meeting in Lyon on Monday."),
                )
            })
            .collect(),
    }
}

/// Validate the corpus, index it, and look every source up by id.
fn sources_step(corpus: &Corpus) {
    let _ = corpus.validate();
    let Ok(engine) = Engine::new(corpus.clone()) else {
        return;
    };
    for s in &corpus.sources {
        black_box(engine.source(&s.id));
    }
}

/// A page of about `bytes` bytes: quotations with speakers, and no full stop.
fn quote_page(bytes: usize) -> String {
    let unit =
        "Mayor Anne Roche said \"we will not leave the harbour\" and \"the port stays open\", \
                ";
    let mut page = unit.repeat(bytes / unit.len() + 1);
    page.truncate(bytes);
    page
}

/// One tag with `n` distinct attributes (and a repeated one at the end).
fn tag_page(n: usize) -> String {
    let mut html = String::from("<html><body><p");
    for i in 0..n {
        html.push_str(&format!(" a{i}=\"v{i}\""));
    }
    html.push_str(" a0=\"again\">Rain fell in Lyon on Monday.</p></body></html>");
    html
}

fn bench_sources(c: &mut Criterion) {
    let (small, large) = (corpus(5_000), corpus(50_000));
    ratio("sources 5k -> 50k", &small, &large, sources_step);
    let mut group = c.benchmark_group("scale_sources");
    group.sample_size(10);
    for (n, corpus) in [(5_000, &small), (50_000, &large)] {
        group.bench_with_input(BenchmarkId::from_parameter(n), corpus, |b, corpus| {
            b.iter(|| sources_step(black_box(corpus)))
        });
    }
    group.finish();
}

fn bench_quotes(c: &mut Criterion) {
    let (small, large) = (quote_page(100_000), quote_page(1_000_000));
    ratio("quotes 100 KB -> 1 MB", &small, &large, |p| {
        black_box(Facts::extract(p));
    });
    let mut group = c.benchmark_group("scale_quotes");
    group.sample_size(10);
    for (label, page) in [("100KB", &small), ("1MB", &large)] {
        group.bench_with_input(BenchmarkId::from_parameter(label), page, |b, page| {
            b.iter(|| Facts::extract(black_box(page)))
        });
    }
    group.finish();
}

fn bench_attributes(c: &mut Criterion) {
    let (small, large) = (tag_page(10_000), tag_page(100_000));
    ratio("attributes 10k -> 100k", &small, &large, |p| {
        black_box(html_to_text(p));
    });
    let mut group = c.benchmark_group("scale_attributes");
    group.sample_size(10);
    for (n, page) in [(10_000, &small), (100_000, &large)] {
        group.bench_with_input(BenchmarkId::from_parameter(n), page, |b, page| {
            b.iter(|| html_to_text(black_box(page)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_sources, bench_quotes, bench_attributes);
criterion_main!(benches);
