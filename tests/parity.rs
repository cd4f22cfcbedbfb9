//! The golden annotations of the demo story, shared with the browser test (`tests/web.rs`):
//! each outlet of `demo/story` is the page in turn, annotated against the whole story with its
//! own id excluded (what the demo page does). The file holds the corpus and, per page, the
//! [`OutputReport`] JSON that the WebAssembly `Engine` must reproduce.
//!
//! Regenerate after an intended change of results: `UPDATE_GOLDEN=1 cargo test --test parity`.

#![cfg(not(target_arch = "wasm32"))]

use corroborate::{Engine, OutputReport};
use serde_json::{json, Value};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The golden document: `{"corpus": {...}, "pages": [{"page": id, "annotation": {...}}]}`.
fn golden() -> Value {
    let corpus =
        corroborate_cli::read::load_corpus(&[root().join("demo/story")]).expect("demo story loads");
    let engine = Engine::new(corpus.clone()).expect("engine");
    let mut ids: Vec<&str> = corpus.sources.iter().map(|s| s.id.as_str()).collect();
    ids.sort_unstable();
    let pages: Vec<Value> = ids
        .iter()
        .map(|&id| {
            let text = &engine.source(id).expect("page is a source").text;
            let report = engine.check_excluding(text, Some(id)).expect("check");
            let out = OutputReport::new(&report, text, |s| engine.source(s));
            // Through JSON text, as the CLI and the wasm module write it: scores are `f32`,
            // written in their shortest form (0.45, not the widened 0.449999988079071).
            let out: Value = serde_json::to_string(&out)
                .and_then(|j| serde_json::from_str(&j))
                .expect("report JSON");
            json!({ "page": id, "annotation": out })
        })
        .collect();
    json!({ "corpus": corpus, "pages": pages })
}

#[test]
fn demo_annotations_match_the_golden_file() {
    let path = root().join("tests/data/demo-annotations.json");
    let want = serde_json::to_string_pretty(&golden()).expect("json") + "\n";
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &want).expect("write golden");
        eprintln!("wrote {}", path.display());
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    if have != want {
        let line = have
            .lines()
            .zip(want.lines())
            .position(|(a, b)| a != b)
            .map_or(have.lines().count().min(want.lines().count()), |n| n);
        panic!(
            "{} differs from the native results (first at line {}): rerun with UPDATE_GOLDEN=1 \
             if the change is intended",
            path.display(),
            line + 1
        );
    }
}

#[test]
fn golden_covers_every_verdict_kind() {
    // The parity test is only as good as what the story exercises.
    let g = golden();
    let mut seen = std::collections::BTreeSet::new();
    for page in g["pages"].as_array().expect("pages") {
        for claim in page["annotation"]["claims"].as_array().expect("claims") {
            seen.insert(claim["verdict"].as_str().unwrap_or("").to_string());
        }
    }
    for v in ["confirmed", "contradicted", "disputed", "related", "unique"] {
        assert!(seen.contains(v), "no {v} claim in the demo story: {seen:?}");
    }
}
