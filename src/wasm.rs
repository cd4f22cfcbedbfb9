//! The browser boundary, and the only module that imports wasm-bindgen and js-sys.
//! Each call decodes its input (with the browser's own JSON parser and property access: no JSON
//! parser or serde deserializer is compiled in), calls the core, converts offsets to UTF-16
//! (in [`crate::OutputReport`]) and hands the result back as plain JavaScript objects (JSON text
//! parsed by `JSON.parse`).
//! Errors reach JavaScript as `Error` objects with a clear message.

use crate::source::source_from_fields;
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
  kind: "number" | "hedge" | "date" | "duration" | "person" | "place" | "organisation" | "role" | "quote" | "negation" | "antonym" | "substitution";
  contradicts: boolean;
  page: string;
  source: string;
  /** A substitution's class; on a hedge, whether the source's figure backs the page's. */
  class?: "equivalent" | "reversal" | "incompatible" | "unverifiable";
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
  /** The sentence is the source's title (headline); its offsets are then 0, 0. */
  from_title?: boolean;
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

/// The report as plain JavaScript objects: serialised to JSON by the core's types and parsed by
/// the engine's own `JSON.parse`, which is smaller in WebAssembly than building each object
/// through a serde serializer, and gives the same numbers as the native JSON (`0.45`, not the
/// widened `0.44999998807907104` of an `f32`).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let json = serde_json::to_string(value).map_err(js_error)?;
    js_sys::JSON::parse(&json).map_err(|e| js_error(message_of(&e)))
}

/// The message of a thrown JavaScript value.
fn message_of(e: &JsValue) -> String {
    match e.dyn_ref::<js_sys::Error>() {
        Some(e) => String::from(e.message()),
        None => e.as_string().unwrap_or_else(|| "unknown error".to_string()),
    }
}

/// A corpus JSON text, or a JavaScript object of the same shape.
///
/// The same shapes and messages as [`Corpus::from_json`] (a corpus object, a list of sources or
/// one source; numbers accepted for the string fields other than `text`), read with the
/// browser's own JSON parser and property access, so no JSON parser is compiled in.
fn corpus_from(value: JsValue) -> Result<Corpus, JsError> {
    let value = match value.as_string() {
        Some(json) => js_sys::JSON::parse(&json)
            .map_err(|e| js_error(format!("malformed JSON: {}", message_of(&e))))?,
        None => value,
    };
    let items = if js_sys::Array::is_array(&value) {
        js_sys::Array::from(&value)
    } else if is_object(&value) {
        let sources = get(&value, "sources");
        if js_sys::Array::is_array(&sources) {
            js_sys::Array::from(&sources)
        } else if !is_absent(&sources) {
            return Err(js_error("\"sources\" must be a list of source objects"));
        } else if has(&value, "text") || has(&value, "id") {
            js_sys::Array::of1(&value)
        } else {
            return Err(js_error(
                "the JSON has no \"sources\" list (expected {\"sources\": [...]}, a list of sources or one source)",
            ));
        }
    } else {
        return Err(js_error(
            "expected a corpus object {\"sources\": [...]}, a list of sources or one source",
        ));
    };
    if items.length() == 0 {
        return Err(js_error("the corpus has no sources"));
    }
    let sources = items
        .iter()
        .enumerate()
        .map(|(i, item)| source_from(&item, &format!("source {}", i + 1)))
        .collect::<Result<Vec<_>, _>>()?;
    let corpus = Corpus { sources };
    corpus.validate().map_err(js_error)?;
    Ok(corpus)
}

fn is_object(v: &JsValue) -> bool {
    v.is_object() && !js_sys::Array::is_array(v)
}

fn is_absent(v: &JsValue) -> bool {
    v.is_undefined() || v.is_null()
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn has(obj: &JsValue, key: &str) -> bool {
    !is_absent(&get(obj, key))
}

/// One source object, checked field by field; `label` names it in messages before its id is
/// known (`source 2`).
fn source_from(value: &JsValue, label: &str) -> Result<Source, JsError> {
    if !is_object(value) {
        return Err(js_error(format!("{label} is not an object")));
    }
    let field = |key: &str, label: &str| -> crate::Result<Option<String>> {
        let v = get(value, key);
        if is_absent(&v) {
            Ok(None)
        } else if let Some(s) = v.as_string() {
            Ok(Some(s))
        } else if v.as_f64().is_some() && key != "text" {
            Ok(Some(String::from(
                js_sys::Number::from(v)
                    .to_string_with_radix(10)
                    .unwrap_or_default(),
            )))
        } else {
            Err(crate::Error::new(
                crate::ErrorKind::Json,
                format!("{label}: \"{key}\" must be a string"),
            ))
        }
    };
    source_from_fields(label, None, field).map_err(js_error)
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
        let source = source_from(&source, "the source")?;
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

/// Install the engine's data: the bytes of `wordnet.bin` (the WordNet table) and
/// `stance.bin` (the stance model), shipped beside this module. Call it once, after the module
/// is initialised and before `new Engine(...)`; a later call checks its bytes and keeps the data
/// already installed. Throws an `Error` naming the file that is malformed.
#[wasm_bindgen(js_name = loadData)]
pub fn load_data(lexicon: &[u8], model: &[u8]) -> Result<(), JsError> {
    crate::load_data(lexicon, model).map_err(js_error)
}
