//! Throughput of the per-source stance judgement on FNC-1 competition test pairs read from
//! `../shared/data/fnc1` (skipped with a message when it is absent).

use corroborate_cli::fnc1::{self, Split};
use criterion::{Criterion, Throughput};
use std::hint::black_box;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/fnc1");
    let pairs = match fnc1::load(&dir, Split::Test) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("skipping: ../shared not found ({e})");
            return;
        }
    };
    // A fixed sample: every 50th pair (about 500).
    let sample: Vec<_> = pairs.iter().step_by(50).collect();
    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group("stance");
    group.throughput(Throughput::Elements(sample.len() as u64));
    group.sample_size(10);
    group.bench_function("fnc1_test_sample", |b| {
        b.iter(|| {
            for p in &sample {
                black_box(corroborate::stance(black_box(&p.claim), black_box(&p.body)));
            }
        })
    });
    group.finish();
    let mut single = c.benchmark_group("stance_detail");
    if let Some(p) = sample.first() {
        single.bench_function("one_pair", |b| {
            b.iter(|| black_box(corroborate::stance_detail(&p.claim, &p.body)))
        });
    }
    single.finish();
    c.final_summary();
}
