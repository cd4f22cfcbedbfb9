//! The golden annotations of the demo story, shared with the browser test (`tests/web.rs`):
//! each outlet of `demo/story` is the page in turn, annotated against the whole story with its
//! own id excluded (what the demo page does). The golden file, `tests/data/demo-annotations.snap`,
//! is an insta snapshot: a short header, then the JSON of the corpus and, per page, the
//! [`OutputReport`] that the WebAssembly `Engine` must reproduce.
//!
//! When the results differ, the test fails and prints a line diff of the JSON. It never
//! accepts a change by itself: under `CI=true` insta writes nothing (and this test refuses an
//! `INSTA_UPDATE` that would write), and elsewhere it leaves the new results beside the old
//! as `tests/data/demo-annotations.snap.new`. After an intended change of results, review it
//! and accept it with `cargo insta review` (`cargo install cargo-insta`), or overwrite the
//! snapshot with `INSTA_UPDATE=always cargo test --test parity`; then check `git diff
//! tests/data/` and commit the snapshot.

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
    // In CI a snapshot that differs must fail the run, never be written over.
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        let update = std::env::var("INSTA_UPDATE").unwrap_or_default();
        assert!(
            matches!(update.as_str(), "" | "auto" | "no" | "new"),
            "INSTA_UPDATE={update} under CI=true would accept any change of the golden file"
        );
        assert!(
            std::env::var_os("INSTA_FORCE_PASS").is_none(),
            "INSTA_FORCE_PASS under CI=true would accept any change of the golden file"
        );
    }
    let want = serde_json::to_string_pretty(&golden()).expect("json");
    insta::with_settings!({
        snapshot_path => "data",
        prepend_module_to_snapshot => false,
        omit_expression => true,
        description => "tests/parity.rs: the demo story annotated natively; tests/web.rs checks the wasm Engine against it",
    }, {
        insta::assert_snapshot!("demo-annotations", want);
    });
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
