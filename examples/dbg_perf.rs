use corroborate::*;
use std::time::Instant;
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let words: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(5000);
    let corpus = synth::corpus(7, n);
    let page = synth::page(11, words, &corpus);
    let t = Instant::now();
    let e = Engine::new(corpus).unwrap();
    eprintln!("index {} sentences in {:?}", e.len_sentences(), t.elapsed());
    let claims = extract_claims(&page);
    let t = Instant::now();
    let qs: Vec<Vec<String>> = claims.iter().map(|c| terms(&c.tokens)).collect();
    eprintln!("claims+terms {:?}", t.elapsed());
    let mut idx = Index::new();
    let _ = &mut idx;
    let t = Instant::now();
    let mut n_hits = 0;
    for q in &qs {
        let q: Vec<&str> = q.iter().map(String::as_str).collect();
        n_hits += e
            .index_for_bench()
            .query(&q)
            .per_doc(3)
            .min_share(0.14)
            .run()
            .len();
    }
    eprintln!("retrieval {:?} hits {}", t.elapsed(), n_hits);
    for _ in 0..3 {
        let t = Instant::now();
        let r = e.check(&page).unwrap();
        eprintln!(
            "check {} claims in {:?} ({:?})",
            r.claims.len(),
            t.elapsed(),
            r.summary
        );
    }
}
#[allow(dead_code)]
fn unused() {}
