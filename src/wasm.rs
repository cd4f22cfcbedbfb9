//! The browser boundary, and the only module that imports wasm-bindgen, js-sys and
//! serde-wasm-bindgen. Each call decodes its input, calls the core, converts offsets to UTF-16
//! (in [`crate::OutputReport`]) and encodes the result as plain JavaScript objects.
//! Errors reach JavaScript as `Error` objects with a clear message.

use crate::{Corpus, Engine, OutputReport, Source};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** A source: an article from another outlet. Only `id` and `text` are required. */
export interface SourceInput {
  id: string;
  text: string;
  title?: string;
  outlet?: string;
  url?: string;
  published?: string;
}
/** A corpus: `{ sources: [...] }`, as a JavaScript object or its JSON text. */
export interface CorpusInput { sources: SourceInput[] }
export type Relation = "confirms" | "contradicts" | "related";
export type Verdict = "confirmed" | "contradicted" | "disputed" | "related" | "unique";
export interface Reason {
  kind: "number" | "hedge" | "date" | "duration" | "person" | "place" | "organisation" | "role" | "quote" | "negation" | "antonym";
  contradicts: boolean;
  page: string;
  source: string;
  message: string;
}
export interface DiffSpan {
  op: "equal" | "removed" | "added";
  text: string;
  source_start_utf16?: number;
  source_end_utf16?: number;
  claim_start_utf16?: number;
  claim_end_utf16?: number;
}
export interface Evidence {
  source: string;
  outlet?: string;
  title?: string;
  url?: string;
  relation: Relation;
  text: string;
  start_utf16: number;
  end_utf16: number;
  score: number;
  coverage: number;
  reasons: Reason[];
  diff: DiffSpan[];
}
export interface Claim {
  text: string;
  start_utf16: number;
  end_utf16: number;
  verdict: Verdict;
  evidence: Evidence[];
}
export interface Summary {
  claims: number; confirmed: number; contradicted: number; disputed: number; related: number; unique: number;
}
export interface Annotation { claims: Claim[]; summary: Summary }
"#;

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

fn js_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(js_error)
}

/// A corpus JSON text, or a JavaScript object of the same shape.
fn corpus_from(value: JsValue) -> Result<Corpus, JsError> {
    match value.as_string() {
        Some(json) => Corpus::from_json(&json).map_err(js_error),
        None => {
            let corpus: Corpus = serde_wasm_bindgen::from_value(value)
                .map_err(|e| js_error(format!("malformed corpus: {e}")))?;
            corpus.validate().map_err(js_error)?;
            Ok(corpus)
        }
    }
}

/// The engine: a corpus of sources, indexed once; pages annotated against it.
#[wasm_bindgen(js_name = Engine)]
pub struct WasmEngine {
    inner: Engine,
}

#[wasm_bindgen(js_class = Engine)]
impl WasmEngine {
    /// Index a corpus: `{ sources: [...] }` or its JSON text.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "CorpusInput | string")] corpus: JsValue,
    ) -> Result<WasmEngine, JsError> {
        let corpus = corpus_from(corpus)?;
        Ok(WasmEngine {
            inner: Engine::new(corpus).map_err(js_error)?,
        })
    }

    /// Add one source.
    #[wasm_bindgen(js_name = addSource)]
    pub fn add_source(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "SourceInput")] source: JsValue,
    ) -> Result<(), JsError> {
        let source: Source = serde_wasm_bindgen::from_value(source)
            .map_err(|e| js_error(format!("malformed source: {e}")))?;
        if source.text.trim().is_empty() {
            return Err(js_error(format!("source {:?} has no text", source.id)));
        }
        self.inner.add_source(source).map_err(js_error)
    }

    /// Remove the source with this id; returns whether it was there.
    #[wasm_bindgen(js_name = removeSource)]
    pub fn remove_source(&mut self, id: &str) -> bool {
        self.inner.remove_source(id)
    }

    /// The ids of the sources, in the order they were added.
    #[wasm_bindgen(js_name = sourceIds)]
    pub fn source_ids(&self) -> Vec<String> {
        self.inner.sources().map(|s| s.id.clone()).collect()
    }

    /// Annotate a page's text: its claims with UTF-16 offsets into `text`, verdicts and
    /// evidence. `exclude` names a source id never to compare with (the page itself).
    #[wasm_bindgen(unchecked_return_type = "Annotation")]
    pub fn annotate(&self, text: &str, exclude: Option<String>) -> Result<JsValue, JsError> {
        let report = self
            .inner
            .check_excluding(text, exclude.as_deref())
            .map_err(js_error)?;
        to_js(&OutputReport::new(&report, text, |id| {
            self.inner.source(id)
        }))
    }
}

/// The per-source stance of a claim against a whole source text:
/// `"confirms" | "contradicts" | "related" | "unrelated"`.
#[wasm_bindgen]
pub fn stance(claim: &str, source: &str) -> String {
    crate::stance(claim, source).as_str().to_string()
}
