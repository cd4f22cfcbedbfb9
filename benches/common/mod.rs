//! What the benchmarks share: a best-of timing for the ratios they print beside criterion's.

use std::time::{Duration, Instant};

/// Best of `rounds` timings of `f`.
pub fn best_of(rounds: usize, mut f: impl FnMut()) -> Duration {
    (0..rounds)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}
