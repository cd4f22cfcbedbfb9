//! Browser tests of the WebAssembly `Engine` (src/wasm.rs), run in headless Chromium and
//! Firefox by `scripts/web-test` (`wasm-pack test --headless --chrome` / `--firefox`).
//!
//! * offsets: every claim's `text.slice(start_utf16, end_utf16)`, done by JavaScript's own
//!   `String.prototype.slice`, is the claim, and diff spans slice the source sentence and the
//!   claim likewise, on text with emoji (ZWJ sequences, flags), CJK, combining marks and CRLF;
//! * bad input: `Error` instances with clear messages, never a panic;
//! * parity: the demo story gives the same annotations as the native core
//!   (`tests/data/demo-annotations.snap`, written and checked natively by `tests/parity.rs`);
//! * `addSource`, `removeSource`, `sourceIds` and `exclude`;
//! * `stories()`, `storyOf` and `allSources`;
//! * `IndexEngine`: an index built in memory by the core's writer (`store::build`, the `tools`
//!   feature, which Cargo.toml's wasm32 dev-dependency on the crate itself turns on for these
//!   tests only) from the demo story and demo/unrelated.txt gives, page by page, the reports of
//!   an `Engine` of the same corpus; it asks for its shards (`wants`) and refuses to annotate
//!   without them; corrupt, truncated and foreign shards and unreadable manifests are `Error`s
//!   that name what is wrong.

#![cfg(target_arch = "wasm32")]

use corroborate::__wasm_load_data as load_data;
use corroborate::WasmEngine as Engine;
use corroborate::WasmIndex as IndexEngine;
use js_sys::{Array, JsString, Object, Reflect, JSON};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The engine's data files, as the page's host fetches them from beside the module.
static LEXICON: &[u8] = include_bytes!("../model/wordnet.bin");
static MODEL: &[u8] = include_bytes!("../model/stance.bin");

/// An engine, after installing its data as a host does (`loadData`).
fn new_engine(corpus: JsValue) -> Result<Engine, JsError> {
    if !corroborate::data_loaded() {
        load_data(LEXICON, MODEL).expect("the committed data files load");
    }
    Engine::new(corpus)
}

#[wasm_bindgen_test]
fn malformed_data_files_give_errors_that_name_the_file() {
    let lexicon = error_message(load_data(b"CWNT", MODEL).unwrap_err());
    assert!(lexicon.contains("wordnet.bin"), "{lexicon}");
    let model = error_message(load_data(LEXICON, &MODEL[..MODEL.len() / 2]).unwrap_err());
    assert!(model.contains("stance.bin"), "{model}");
}

/// `annotate`'s options object excluding this source.
fn options(exclude: &str) -> JsValue {
    js(&serde_json::json!({ "exclude": exclude }).to_string())
}

#[wasm_bindgen_test]
fn annotate_options_are_an_object_or_an_id_and_bad_ones_are_errors() {
    let source = "On Sunday the mayor of Lyon said that 5 people were hurt.";
    let engine = new_engine(corpus_json(&[("a", source)]).into()).expect("engine");
    let page = "The mayor of Lyon said 5 people were hurt on Sunday.";
    let with = |o: JsValue| engine.annotate(page, o).map(|a| to_value(&a));
    let confirmed = with(JsValue::UNDEFINED).expect("no options");
    assert_eq!(confirmed["summary"]["confirmed"], 1, "{confirmed}");
    for excluded in [with(options("a")), with(JsValue::from_str("a"))] {
        let excluded = excluded.expect("exclude");
        assert_eq!(excluded["summary"]["unique"], 1, "{excluded}");
    }
    let bad = error_message(engine.annotate(page, JsValue::from(3)).unwrap_err());
    assert!(bad.contains("options"), "{bad}");
    let bad = error_message(engine.annotate(page, js(r#"{"exclude": 3}"#)).unwrap_err());
    assert!(bad.contains("annotate options"), "{bad}");
}

/// A JavaScript object from JSON text.
fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON parses")
}

/// A JavaScript value as JSON (for comparing with serde_json).
fn to_value(v: &JsValue) -> Value {
    let text: String = JSON::stringify(v).expect("stringify").into();
    serde_json::from_str(&text).expect("JSON from JSON.stringify")
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).expect("property")
}

fn num(v: &JsValue, key: &str) -> u32 {
    get(v, key).as_f64().expect("number") as u32
}

fn items(v: &JsValue, key: &str) -> Vec<JsValue> {
    get(v, key)
        .dyn_into::<Array>()
        .expect("array")
        .iter()
        .collect()
}

/// `text.slice(start, end)` in JavaScript.
fn slice(text: &str, start: u32, end: u32) -> String {
    JsString::from(text).slice(start, end).into()
}

/// The message of an error that must be a JavaScript `Error` instance.
fn error_message(e: JsError) -> String {
    let v = JsValue::from(e);
    let e = v
        .dyn_into::<js_sys::Error>()
        .expect("errors reach JavaScript as Error instances");
    e.message().into()
}

fn corpus_json(sources: &[(&str, &str)]) -> String {
    let sources: Vec<Value> = sources
        .iter()
        .map(|(id, text)| serde_json::json!({ "id": id, "text": text, "outlet": format!("{id} outlet") }))
        .collect();
    serde_json::json!({ "sources": sources }).to_string()
}

// --- offsets round-trip ---------------------------------------------------------------------

/// Pages and sources with characters outside the Basic Multilingual Plane, grapheme clusters and
/// CRLF: the page's claims and the sources' sentences share words, so there is evidence and diff.
const OFFSET_CASES: &[(&str, &str, &str)] = &[
    (
        "emoji and ZWJ",
        "👩‍👩‍👧 The mayor of Lyon 🇫🇷 said 5 people were hurt on Sunday. 🎉🎉 The bridge 🌉 closed for 3 days.",
        "The mayor of Lyon said 7 people were hurt on Sunday. The bridge closed for three days.",
    ),
    (
        "flags and skin tones",
        "🇺🇸🇻🇳 President 👋🏽 Biden visited Hanoi on Sunday. Talks 🤝 lasted two hours.",
        "President Biden visited Hanoi on Monday. Talks lasted two hours.",
    ),
    (
        "CJK",
        "東京で地震があった。 The quake in Tokyo killed 12 people, officials said. 死者は12人。",
        "The quake in Tokyo killed 14 people, officials said.",
    ),
    (
        "combining marks",
        "Zoe\u{0301} Ande\u{0301}n, the mayor of Ma\u{0308}lmo, resigned on Tuesday. She served for six years.",
        "Zoé Andén, the mayor of Malmö, resigned on Tuesday. She served for eight years.",
    ),
    (
        "CRLF",
        "The council met on Monday.\r\nIt approved a budget of 40 million euros.\r\n\r\nThe vote was 12 to 3.\r\n",
        "The council met on Monday.\r\nIt approved a budget of 45 million euros.\r\nThe vote was 12 to 3.",
    ),
];

#[wasm_bindgen_test]
fn claim_and_diff_offsets_slice_in_javascript() {
    for (name, page, source) in OFFSET_CASES {
        let engine = new_engine(corpus_json(&[("src", source)]).into()).expect(name);
        let out = engine.annotate(page, JsValue::UNDEFINED).expect(name);
        let claims = items(&out, "claims");
        assert!(!claims.is_empty(), "{name}: no claims");
        let mut evidence_seen = 0;
        for claim in &claims {
            let text = get(claim, "text").as_string().expect("claim text");
            let got = slice(page, num(claim, "start_utf16"), num(claim, "end_utf16"));
            assert_eq!(got, text, "{name}: claim slice");
            for ev in items(claim, "evidence") {
                evidence_seen += 1;
                let sentence = get(&ev, "text").as_string().expect("evidence text");
                let got = slice(source, num(&ev, "start_utf16"), num(&ev, "end_utf16"));
                assert_eq!(got, sentence, "{name}: evidence slice of the source");
                for d in items(&ev, "diff") {
                    let op = get(&d, "op").as_string().expect("op");
                    let words = get(&d, "text").as_string().expect("span text");
                    if op != "removed" {
                        let s = num(&d, "source_start_utf16");
                        let e = num(&d, "source_end_utf16");
                        assert_eq!(slice(&sentence, s, e), words, "{name}: {op} span in source");
                    }
                    if op != "added" {
                        let s = num(&d, "claim_start_utf16");
                        let e = num(&d, "claim_end_utf16");
                        let piece = slice(&text, s, e);
                        if op == "removed" {
                            assert_eq!(piece, words, "{name}: removed span in claim");
                        } else {
                            // Equal spans carry the source's words; the claim's may differ in
                            // case, accents or inflection, but hold the same tokens.
                            assert!(!piece.trim().is_empty(), "{name}: equal span in claim");
                        }
                    }
                }
            }
        }
        assert!(evidence_seen > 0, "{name}: no evidence to check");
    }
}

// --- bad input ------------------------------------------------------------------------------

/// (what, corpus, a piece of the expected message)
const BAD_CORPORA: &[(&str, &str, &str)] = &[
    (
        "malformed JSON",
        r#"{"sources": [{"id": "a", "#,
        "malformed JSON",
    ),
    ("not JSON at all", "sources", "malformed JSON"),
    (
        "no sources list",
        r#"{"items": []}"#,
        r#"no "sources" list"#,
    ),
    (
        "empty sources",
        r#"{"sources": []}"#,
        "the corpus has no sources",
    ),
    (
        "sources not a list",
        r#"{"sources": 3}"#,
        r#""sources" must be a list"#,
    ),
    (
        "source missing id",
        r#"{"sources": [{"text": "Rain fell."}]}"#,
        r#"source 1 has no "id""#,
    ),
    (
        "source missing text",
        r#"{"sources": [{"id": "a"}]}"#,
        r#"source "a" has no "text""#,
    ),
    (
        "empty text",
        r#"{"sources": [{"id": "a", "text": "  "}]}"#,
        r#"source "a" has empty text"#,
    ),
    (
        "empty id",
        r#"{"sources": [{"id": " ", "text": "Rain."}]}"#,
        "source 1 has an empty id",
    ),
    (
        "duplicate id",
        r#"{"sources": [{"id": "a", "text": "Rain."}, {"id": "a", "text": "Snow."}]}"#,
        r#"two sources have the id "a""#,
    ),
    (
        "text of wrong type",
        r#"{"sources": [{"id": "a", "text": 5}]}"#,
        r#""text" must be a string"#,
    ),
    (
        "title of wrong type",
        r#"{"sources": [{"id": "a", "text": "Rain.", "title": ["x"]}]}"#,
        r#""title" must be a string"#,
    ),
    (
        "source not an object",
        r#"{"sources": ["Rain fell."]}"#,
        "source 1 is not an object",
    ),
    ("corpus not an object", "42", "expected a corpus object"),
    ("null", "null", "expected a corpus object"),
];

#[wasm_bindgen_test]
fn bad_corpora_give_error_instances_as_text_and_as_objects() {
    for (what, json, want) in BAD_CORPORA {
        // As JSON text.
        let e = new_engine(JsValue::from_str(json))
            .err()
            .unwrap_or_else(|| panic!("{what}: accepted"));
        let msg = error_message(e);
        assert!(msg.contains(want), "{what} (text): {msg:?} lacks {want:?}");
        // As a JavaScript value (where the text parses).
        if let Ok(value) = JSON::parse(json) {
            let e = new_engine(value)
                .err()
                .unwrap_or_else(|| panic!("{what}: accepted as object"));
            let msg = error_message(e);
            assert!(
                msg.contains(want),
                "{what} (object): {msg:?} lacks {want:?}"
            );
        }
    }
}

#[wasm_bindgen_test]
fn other_bad_input_gives_error_instances() {
    for (what, value) in [
        ("undefined", JsValue::UNDEFINED),
        ("a number", JsValue::from_f64(1.0)),
        (
            "a function",
            js_sys::Function::new_no_args("return 1").into(),
        ),
        ("an empty object", Object::new().into()),
    ] {
        let e = new_engine(value)
            .err()
            .unwrap_or_else(|| panic!("{what}: accepted"));
        assert!(!error_message(e).is_empty(), "{what}: empty message");
    }
    let mut engine =
        new_engine(corpus_json(&[("a", "Rain fell in Lyon on Sunday.")]).into()).expect("engine");
    // An empty page.
    for page in ["", "   \n\t "] {
        let msg = error_message(
            engine
                .annotate(page, JsValue::UNDEFINED)
                .expect_err("empty page"),
        );
        assert!(msg.contains("no text"), "{msg:?}");
    }
    // Bad sources for addSource.
    for (what, json, want) in [
        (
            "duplicate id",
            r#"{"id": "a", "text": "Snow."}"#,
            r#"two sources have the id "a""#,
        ),
        ("no id", r#"{"text": "Snow."}"#, r#"has no "id""#),
        ("empty text", r#"{"id": "b", "text": ""}"#, "has empty text"),
        (
            "wrong type",
            r#"{"id": "b", "text": "Snow.", "url": {}}"#,
            r#""url" must be a string"#,
        ),
        ("not an object", r#""Snow.""#, "not an object"),
    ] {
        let msg = error_message(engine.add_source(js(json)).expect_err(what));
        assert!(
            msg.contains(want),
            "addSource {what}: {msg:?} lacks {want:?}"
        );
    }
    assert_eq!(
        engine.source_ids(),
        ["a"],
        "failed addSource calls change nothing"
    );
}

// --- sources and exclude --------------------------------------------------------------------

#[wasm_bindgen_test]
fn add_remove_source_ids_and_exclude() {
    let page = "The mayor of Lyon said 5 people were hurt on Sunday.";
    let mut engine = new_engine(js(
        r#"[{"id": "wire", "text": "The mayor of Lyon said 7 people were hurt on Sunday.", "outlet": "Wire"}]"#,
    ))
    .expect("a bare list of sources is a corpus");
    assert_eq!(engine.source_ids(), ["wire"]);
    engine
        .add_source(js(r#"{"id": "post", "text": "On Sunday the mayor of Lyon said that 5 people were hurt.", "url": "https://example.invalid/post"}"#))
        .expect("addSource");
    assert_eq!(engine.source_ids(), ["wire", "post"]);

    let verdict_and_sources = |engine: &Engine, exclude: Option<&str>| {
        let out = engine
            .annotate(page, exclude.map_or(JsValue::UNDEFINED, JsValue::from_str))
            .expect("annotate");
        let claim = items(&out, "claims").remove(0);
        let sources: Vec<String> = items(&claim, "evidence")
            .iter()
            .map(|e| get(e, "source").as_string().expect("source"))
            .collect();
        (
            get(&claim, "verdict").as_string().expect("verdict"),
            sources,
        )
    };
    let (verdict, mut sources) = verdict_and_sources(&engine, None);
    sources.sort();
    assert_eq!(
        (verdict.as_str(), sources),
        ("disputed", vec!["post".to_string(), "wire".to_string()])
    );
    assert_eq!(
        verdict_and_sources(&engine, Some("post")),
        ("contradicted".into(), vec!["wire".into()])
    );
    assert_eq!(
        verdict_and_sources(&engine, Some("wire")),
        ("confirmed".into(), vec!["post".into()])
    );
    assert_eq!(verdict_and_sources(&engine, Some("nobody")).0, "disputed");

    assert!(engine.remove_source("wire"));
    assert!(!engine.remove_source("wire"), "already gone");
    assert_eq!(engine.source_ids(), ["post"]);
    assert_eq!(
        verdict_and_sources(&engine, None),
        ("confirmed".into(), vec!["post".into()])
    );
    assert_eq!(verdict_and_sources(&engine, Some("post")).0, "unique");
    // The id is free again.
    engine
        .add_source(js(
            r#"{"id": "wire", "text": "Nothing of the sort happened in Lyon."}"#,
        ))
        .expect("re-add");
    assert_eq!(engine.source_ids(), ["post", "wire"]);
}

// --- parity with the native core ------------------------------------------------------------

/// The golden JSON: `tests/data/demo-annotations.snap` (written by `tests/parity.rs` with insta)
/// less its header, which is the text between the first two `---` lines.
fn golden_json() -> &'static str {
    const SNAP: &str = include_str!("data/demo-annotations.snap");
    SNAP.strip_prefix("---\n")
        .and_then(|s| s.split_once("\n---\n"))
        .map(|(_, body)| body)
        .expect("an insta snapshot: a header between two --- lines, then the JSON")
}

/// Equal JSON, numbers within `tol` (scores are `f32`, and libm in wasm may differ by an ulp).
fn same(path: &str, a: &Value, b: &Value, tol: f64, diffs: &mut Vec<String>) {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (
                x.as_f64().unwrap_or(f64::NAN),
                y.as_f64().unwrap_or(f64::NAN),
            );
            if (x - y).abs() > tol {
                diffs.push(format!("{path}: {x} != {y}"));
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                diffs.push(format!("{path}: {} items != {}", x.len(), y.len()));
            }
            for (i, (x, y)) in x.iter().zip(y).enumerate() {
                same(&format!("{path}[{i}]"), x, y, tol, diffs);
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            let kx: Vec<_> = x.keys().collect();
            let ky: Vec<_> = y.keys().collect();
            if kx != ky {
                diffs.push(format!("{path}: keys {kx:?} != {ky:?}"));
            }
            for (k, v) in x {
                if let Some(w) = y.get(k) {
                    same(&format!("{path}.{k}"), v, w, tol, diffs);
                }
            }
        }
        _ if a != b => diffs.push(format!("{path}: {a} != {b}")),
        _ => {}
    }
}

#[wasm_bindgen_test]
fn demo_story_matches_the_native_core() {
    let golden: Value = serde_json::from_str(golden_json()).expect("golden parses");
    let corpus = golden["corpus"].to_string();
    // Both ways in: the corpus as JSON text and as a JavaScript object.
    for input in [JsValue::from_str(&corpus), js(&corpus)] {
        let engine = new_engine(input).expect("engine from the demo corpus");
        let mut diffs = Vec::new();
        let pages = golden["pages"].as_array().expect("pages");
        assert_eq!(pages.len(), 4, "four outlets in the demo story");
        for page in pages {
            let id = page["page"].as_str().expect("page id");
            let text = golden["corpus"]["sources"]
                .as_array()
                .expect("sources")
                .iter()
                .find(|s| s["id"] == id)
                .and_then(|s| s["text"].as_str())
                .expect("page text");
            let out = engine.annotate(text, options(id)).expect("annotate");
            same(id, &to_value(&out), &page["annotation"], 1e-9, &mut diffs);
        }
        assert!(
            diffs.is_empty(),
            "wasm differs from native:\n{}",
            diffs.join("\n")
        );
    }
}

/// `stories()`, `storyOf` and `annotate`'s `allSources`: the story fields as the native core
/// gives them, and no coverage for a page on something else.
#[wasm_bindgen_test]
fn stories_story_of_and_all_sources() {
    let engine = new_engine(
        corpus_json(&[
            ("wire", "The mayor of Lyon said 7 people were hurt when the Pont Morand bridge collapsed on Sunday."),
            ("post", "On Sunday the Pont Morand bridge in Lyon collapsed and 5 people were hurt, the mayor said."),
            ("match", "Ravensholt Rovers beat Kettle Vale 3-1 at Millbrook Park on Saturday."),
        ])
        .into(),
    )
    .expect("engine");
    let stories = to_value(&engine.stories().expect("stories"));
    assert_eq!(stories.as_array().map(Vec::len), Some(2), "{stories}");
    assert_eq!(stories[0]["sources"], serde_json::json!(["wire", "post"]));
    assert!(stories[0]["id"]
        .as_str()
        .is_some_and(|id| id.starts_with("auto:")));
    let page = "The Pont Morand bridge collapsed in Lyon on Sunday, the mayor said.";
    let story = to_value(&engine.story_of(page).expect("storyOf"));
    assert_eq!(story["id"], stories[0]["id"], "{story}");
    let out = to_value(&engine.annotate(page, JsValue::UNDEFINED).expect("annotate"));
    assert_eq!(out["story"]["label"], stories[0]["label"], "{out}");
    assert_eq!(
        (
            out["summary"]["sources"].clone(),
            out["summary"]["available"].clone()
        ),
        (2.into(), 3.into())
    );
    let other = "The council approved a new cycle lane on Harbour Road.";
    assert!(engine.story_of(other).expect("storyOf").is_null());
    let none = to_value(
        &engine
            .annotate(other, JsValue::UNDEFINED)
            .expect("annotate"),
    );
    assert!(
        none["story"].is_null() && none["claims"] == serde_json::json!([]),
        "{none}"
    );
    let all = to_value(
        &engine
            .annotate(other, js(r#"{"allSources": true}"#))
            .expect("annotate"),
    );
    assert_eq!(all["summary"]["sources"], 3, "{all}");
    assert_eq!(all["claims"][0]["verdict"], "unique", "{all}");
    let bad = error_message(
        engine
            .annotate(other, js(r#"{"allSources": "yes"}"#))
            .unwrap_err(),
    );
    assert!(bad.contains("allSources"), "{bad}");
}

// --- the IndexEngine class (a static index read a page at a time) ----------------------------

/// The demo story (the golden's corpus, as the CLI reads demo/story) and demo/unrelated.txt
/// (another story), as corpus JSON: what both engines are made from.
fn index_corpus_json() -> String {
    let golden: Value = serde_json::from_str(golden_json()).expect("golden parses");
    let mut sources = golden["corpus"]["sources"]
        .as_array()
        .expect("sources")
        .clone();
    let unrelated = include_str!("../demo/unrelated.txt");
    let (head, body) = unrelated
        .split_once("\n\n")
        .expect("demo/unrelated.txt: header lines, a blank line, the text");
    let title = head
        .lines()
        .find_map(|l| l.strip_prefix("Title: "))
        .expect("a Title: line");
    sources.push(serde_json::json!({ "id": "unrelated", "title": title, "text": body }));
    serde_json::json!({ "sources": sources }).to_string()
}

/// The index of a corpus, built in memory by the core's writer (`store::build`, what
/// `corroborate index` writes to disk), so that it is always this build's format.
fn build_index(corpus: &str) -> corroborate::store::Built {
    let sources = corroborate::sources_from_json(corpus, None).expect("corpus parses");
    corroborate::store::build(&corroborate::Corpus { sources }).expect("index builds")
}

fn shard<'a>(built: &'a corroborate::store::Built, file: &str) -> &'a [u8] {
    built
        .shards
        .iter()
        .find(|(s, _)| s.file == file)
        .map(|(_, bytes)| bytes.as_slice())
        .unwrap_or_else(|| panic!("wants names {file:?}, which is not in the manifest"))
}

/// An `IndexEngine` of the index's manifest (after installing the data, as a host does).
fn new_index(manifest: JsValue) -> Result<IndexEngine, JsError> {
    if !corroborate::data_loaded() {
        load_data(LEXICON, MODEL).expect("the committed data files load");
    }
    IndexEngine::new(manifest)
}

/// Feed the engine the shards it asks for until it needs none (as worker.js does); the number
/// of rounds and the files added.
fn feed(
    index: &mut IndexEngine,
    built: &corroborate::store::Built,
    page: &str,
    opts: &dyn Fn() -> JsValue,
) -> (usize, Vec<String>) {
    let mut rounds = 0;
    let mut added = Vec::new();
    loop {
        let wanted = index.wants(page, opts()).expect("wants");
        if wanted.is_empty() {
            return (rounds, added);
        }
        rounds += 1;
        assert!(rounds <= 3, "more than three rounds of shards: {wanted:?}");
        for file in wanted {
            assert!(!added.contains(&file), "{file} asked for twice");
            index.add(&file, shard(built, &file)).expect("a good shard");
            added.push(file);
        }
    }
}

#[wasm_bindgen_test]
fn index_engine_gives_the_reports_of_the_engine_of_the_whole_corpus() {
    let corpus = index_corpus_json();
    let built = build_index(&corpus);
    let engine = new_engine(JsValue::from_str(&corpus)).expect("engine");
    let manifest = built.manifest.to_json();
    let sources: Value = serde_json::from_str(&corpus).expect("corpus");
    let sources = sources["sources"].as_array().expect("sources").clone();
    assert_eq!(
        sources.len(),
        5,
        "four outlets of the demo story and one other story"
    );
    // Both ways in: the manifest as JSON text and as a JavaScript object. The shards are
    // fetched once per engine, as the worker keeps its engine across pages.
    for input in [JsValue::from_str(&manifest), js(&manifest)] {
        let mut index = new_index(input).expect("IndexEngine from the manifest");
        assert_eq!(index.sources(), 5);
        let mut diffs = Vec::new();
        let mut fetched = 0;
        let mut pages: Vec<(String, Option<String>)> = sources
            .iter()
            .map(|s| {
                let id = s["id"].as_str().expect("id").to_string();
                (s["text"].as_str().expect("text").to_string(), Some(id))
            })
            .collect();
        // A page on no story of the corpus, with nothing left out.
        pages.push((
            "The council approved a new cycle lane on Harbour Road on Monday.".into(),
            None,
        ));
        for (text, id) in &pages {
            let opts = || id.as_deref().map_or(JsValue::UNDEFINED, options);
            let (_, added) = feed(&mut index, &built, text, &opts);
            fetched += added.len();
            let got = to_value(&index.annotate(text, opts()).expect("IndexEngine annotate"));
            let want = to_value(&engine.annotate(text, opts()).expect("Engine annotate"));
            let name = id.as_deref().unwrap_or("other page");
            same(name, &got, &want, 1e-6, &mut diffs);
            if id.as_deref() == Some("coastline-news") {
                assert!(
                    got["claims"].as_array().is_some_and(|c| c.len() > 10)
                        && got["summary"]["confirmed"].as_u64() > Some(0),
                    "the demo page has confirmed claims: {got}"
                );
            }
        }
        assert!(
            diffs.is_empty(),
            "IndexEngine differs from Engine:\n{}",
            diffs.join("\n")
        );
        assert!(
            fetched <= built.shards.len(),
            "{fetched} shards added, of {}",
            built.shards.len()
        );
    }
}

#[wasm_bindgen_test]
fn index_engine_asks_for_its_shards_and_refuses_to_annotate_without_them() {
    let built = build_index(&index_corpus_json());
    let mut index = new_index(JsValue::from_str(&built.manifest.to_json())).expect("index");
    let page = "Ravensholt Rovers beat Kettle Vale 3-1 at Millbrook Park on Saturday afternoon.";
    let first = index.wants(page, JsValue::UNDEFINED).expect("wants");
    assert!(!first.is_empty(), "a fresh engine needs shards");
    let msg = error_message(index.annotate(page, JsValue::UNDEFINED).unwrap_err());
    assert!(
        msg.contains("index shards this page needs are not loaded") && msg.contains(&first[0]),
        "{msg}"
    );
    let (rounds, _) = feed(&mut index, &built, page, &|| JsValue::UNDEFINED);
    assert!((1..=3).contains(&rounds), "{rounds} rounds");
    let out = to_value(&index.annotate(page, JsValue::UNDEFINED).expect("annotate"));
    assert_eq!(out["claims"][0]["verdict"], "confirmed", "{out}");
    assert_eq!(
        out["claims"][0]["evidence"][0]["source"], "unrelated",
        "{out}"
    );
    let msg = error_message(
        index
            .annotate(page, js(r#"{"allSources": true}"#))
            .unwrap_err(),
    );
    assert!(msg.contains("allSources needs a corpus"), "{msg}");
    // Options are checked as Engine.annotate checks them.
    let msg = error_message(index.wants(page, JsValue::from(3)).unwrap_err());
    assert!(msg.contains("options"), "{msg}");
}

#[wasm_bindgen_test]
fn corrupt_truncated_and_foreign_shards_and_bad_manifests_give_errors() {
    let built = build_index(&index_corpus_json());
    let manifest = built.manifest.to_json();
    let page = include_str!("../demo/story/harbour-herald.txt");
    let mut index = new_index(JsValue::from_str(&manifest)).expect("index");
    let file = index.wants(page, JsValue::UNDEFINED).expect("wants")[0].clone();
    let good = shard(&built, &file).to_vec();
    let add = |index: &mut IndexEngine, bytes: &[u8]| {
        error_message(index.add(&file, bytes).expect_err("a bad shard is refused"))
    };
    // A flipped bit in the payload, and in the header's checksum.
    for at in [good.len() - 1, 12] {
        let mut bad = good.clone();
        bad[at] ^= 0x10;
        let msg = add(&mut index, &bad);
        assert!(
            msg.contains(&file) && msg.contains("corrupt (its checksum does not match)"),
            "byte {at}: {msg}"
        );
    }
    let msg = add(&mut index, &good[..good.len() / 2]);
    assert!(msg.contains(&file) && msg.contains("truncated"), "{msg}");
    let msg = add(&mut index, &good[..7]);
    assert!(msg.contains("truncated (shorter than its header)"), "{msg}");
    let msg = add(&mut index, b"<html>Not found</html>");
    assert!(msg.contains("not a corroborate index shard"), "{msg}");
    // Another shard's bytes under this one's name.
    let other = built
        .shards
        .iter()
        .find(|(s, _)| s.file != file)
        .map(|(_, b)| b.clone())
        .expect("another shard");
    let msg = add(&mut index, &other);
    assert!(msg.contains(&file), "{msg}");
    let msg = error_message(index.add("s/0000000000000000.bin", &good).unwrap_err());
    assert!(msg.contains("is not a shard of this index"), "{msg}");
    // The failures left the engine as it was: the good bytes are taken and it annotates.
    index
        .add(&file, &good)
        .expect("the good shard after the bad ones");
    feed(&mut index, &built, page, &|| JsValue::UNDEFINED);
    index
        .annotate(page, JsValue::UNDEFINED)
        .expect("annotate after the errors");
    // Manifests it cannot read.
    let version = corroborate::store::VERSION;
    for (what, text, want) in [
        (
            "another version",
            manifest.replacen(
                &format!("\"version\": {version}"),
                &format!("\"version\": {}", version + 1),
                1,
            ),
            "this corroborate reads version",
        ),
        (
            "not an index",
            r#"{"sources": []}"#.to_string(),
            "not a corroborate index manifest",
        ),
        (
            "not JSON",
            "<html>".to_string(),
            "the index manifest is not JSON",
        ),
    ] {
        let msg = error_message(new_index(JsValue::from_str(&text)).err().expect(what));
        assert!(msg.contains(want), "{what}: {msg:?} lacks {want:?}");
    }
}
