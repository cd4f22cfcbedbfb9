//! The browser boundary, and the only module that imports wasm-bindgen, js-sys, web-sys and
//! serde-wasm-bindgen. Each call decodes its input, calls the core, converts offsets to UTF-16
//! (in [`crate::OutputReport`]) and encodes the result:
//!
//! * the annotation (claims, evidence, summary) goes out as plain JavaScript objects built by
//!   `serde-wasm-bindgen` from the core's types (measured faster than JSON text through
//!   `JSON.parse`, see `to_js`); no JSON serializer is compiled in;
//! * what comes in (a corpus object or its JSON text, each source, the annotation options) is
//!   read with the browser's own `JSON.parse` and property access (`Reflect`): no JSON parser or
//!   serde deserializer is compiled in (the measured reason is at `source_from`);
//! * `web-sys` gives the performance marks of each annotation (in the page's or the worker's
//!   scope, whichever the module runs in) and the console warning of `loadData`.
//!
//! Errors reach JavaScript as `Error` objects with a clear message.

use crate::text::source::source_from_fields;
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
  /** The story's label, as a person named it: sources with one label are one story. */
  story?: string;
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
  /** How many sources the page was compared with (0 when `story` is null). */
  sources: number;
  /** How many usable sources the engine holds, the page itself left out. */
  available: number;
}
/** A story as an annotation names it. */
export interface StoryRef { id: string; label: string }
/** A story: `id` is "story:" + the label's slug (a label given by a person) or "auto:" + 8 hex digits. */
export interface Story { id: string; label: string; sources: string[] }
/**
 * `story` is the page's story, or null when it matches no story among the sources: then, when
 * there are sources, `claims` is empty ("No coverage of this story among your N sources").
 */
export interface Annotation { story: StoryRef | null; claims: Claim[]; summary: Summary }
/**
 * Options of `annotate`: `exclude` names a source never compared with (the page itself);
 * `allSources` compares the page with every source, not only its story's.
 */
export interface AnnotateOptions { exclude?: string; allSources?: boolean }
"#;

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

fn js_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// A value as plain JavaScript objects, built by `serde-wasm-bindgen` (objects, not `Map`s:
/// its JSON-compatible form). Measured on the demo story (49 claims, 113 KB of JSON, in
/// Node's V8): building the objects directly takes about half the time of serialising to JSON
/// text and parsing it with `JSON.parse` (2.0 ms against 4.1 ms over the check), and leaves the
/// JSON serializer out of the module.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(js_error)
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

/// One source object, checked field by field with `Reflect` rather than `serde-wasm-bindgen`'s
/// deserializer: that deserializer alone adds 13.5 KB gzipped to the module (measured: 186,166
/// bytes with it for the options against 172,656 without; sources too, 189,104), 7% of its
/// budget, to read six string fields; `label` names it in messages before its id is
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

/// `annotate`'s options: an object (`AnnotateOptions`), or, as before, the excluded id alone.
#[derive(Default)]
struct AnnotateOptions {
    exclude: Option<String>,
    all_sources: bool,
}

fn options_from(value: JsValue) -> Result<AnnotateOptions, JsError> {
    if is_absent(&value) {
        Ok(AnnotateOptions::default())
    } else if let Some(exclude) = value.as_string() {
        Ok(AnnotateOptions {
            exclude: Some(exclude),
            all_sources: false,
        })
    } else if is_object(&value) {
        let exclude = get(&value, "exclude");
        let exclude = match exclude.as_string() {
            Some(id) => Some(id),
            None if is_absent(&exclude) => None,
            None => {
                return Err(js_error(
                    "the annotate options: \"exclude\" must be a source id (a string)",
                ))
            }
        };
        let all = get(&value, "allSources");
        let all_sources = match all.as_bool() {
            Some(b) => b,
            None if is_absent(&all) => false,
            None => {
                return Err(js_error(
                    "the annotate options: \"allSources\" must be true or false",
                ))
            }
        };
        Ok(AnnotateOptions {
            exclude,
            all_sources,
        })
    } else {
        Err(js_error(
            "the annotate options must be an object {exclude?: string, allSources?: boolean} or a source id",
        ))
    }
}

/// The performance timeline of the scope the module runs in: the page's `window`, or the
/// worker's `WorkerGlobalScope` (there is no `window` in a worker).
fn performance() -> Option<web_sys::Performance> {
    let global = js_sys::global();
    if let Some(window) = global.dyn_ref::<web_sys::Window>() {
        return window.performance();
    }
    global
        .dyn_ref::<web_sys::WorkerGlobalScope>()
        .and_then(web_sys::WorkerGlobalScope::performance)
}

/// A performance mark and measure around one annotation ("corroborate:annotate", visible in
/// the browser's performance panel and to `PerformanceObserver`), so a site can see what the
/// check costs its readers. Marks are best effort: a scope without them changes nothing.
struct Measure(Option<web_sys::Performance>);

impl Measure {
    const START: &'static str = "corroborate:annotate:start";

    fn start() -> Measure {
        let p = performance();
        if let Some(p) = &p {
            let _ = p.mark(Self::START);
        }
        Measure(p)
    }
}

impl Drop for Measure {
    fn drop(&mut self) {
        if let Some(p) = &self.0 {
            let _ = p.measure_with_start_mark("corroborate:annotate", Self::START);
            p.clear_marks_with_mark_name(Self::START);
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

    /// The stories of the sources, in the order of their first source.
    #[wasm_bindgen(unchecked_return_type = "Story[]")]
    pub fn stories(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.stories())
    }

    /// The story a text belongs to among the sources, or `null`.
    #[wasm_bindgen(js_name = storyOf, unchecked_return_type = "Story | null")]
    pub fn story_of(&self, text: &str) -> Result<JsValue, JsError> {
        match self.inner.story_of(text) {
            Some(story) => to_js(&story),
            None => Ok(JsValue::NULL),
        }
    }

    /// Annotate a page's text against the sources of its story: its claims with UTF-16
    /// offsets into `text`, verdicts and evidence, the story and the summary.
    /// `options.exclude` (or the id alone, as a string) names a source never to compare with
    /// (the page itself); `options.allSources` compares the page with every source.
    #[wasm_bindgen(unchecked_return_type = "Annotation")]
    pub fn annotate(
        &self,
        text: &str,
        #[wasm_bindgen(unchecked_param_type = "AnnotateOptions | string | undefined")]
        options: JsValue,
    ) -> Result<JsValue, JsError> {
        let _measure = Measure::start();
        self.checked(text, options)?.annotation()
    }

    /// The same check as `annotate`, kept in the module as a `Report`: to be merged with the
    /// reports of the same page from other engines or indexes (`Report.merge`).
    pub fn report(
        &self,
        text: &str,
        #[wasm_bindgen(unchecked_param_type = "AnnotateOptions | string | undefined")]
        options: JsValue,
    ) -> Result<WasmReport, JsError> {
        let _measure = Measure::start();
        self.checked(text, options)
    }
}

impl WasmEngine {
    fn checked(&self, text: &str, options: JsValue) -> Result<WasmReport, JsError> {
        let options = options_from(options)?;
        let report = self
            .inner
            .check_with(
                text,
                &crate::CheckOptions {
                    exclude: options.exclude.as_deref(),
                    all_sources: options.all_sources,
                },
            )
            .map_err(js_error)?;
        Ok(WasmReport::new(text, report, |id| self.inner.source(id)))
    }
}

/// A page's report held in the module (`Engine.report`, `IndexEngine.report`): merged with
/// other reports of the same page (`merge`: one judgement over all their evidence, the core's
/// `merge_reports`), and handed out as an `Annotation` (`annotation`).
#[wasm_bindgen(js_name = Report)]
pub struct WasmReport {
    page: String,
    report: crate::Report,
    /// The sources its evidence cites (their outlet, title, URL, and text for offsets), and
    /// where each id is among them.
    sources: Vec<Source>,
    ids: std::collections::HashMap<String, u32>,
}

impl WasmReport {
    fn new<'s>(
        page: &str,
        report: crate::Report,
        source_of: impl Fn(&str) -> Option<&'s Source>,
    ) -> WasmReport {
        let mut sources = Vec::new();
        let mut ids = std::collections::HashMap::new();
        for e in report.claims.iter().flat_map(|c| &c.evidence) {
            if !ids.contains_key(&e.source) {
                if let Some(s) = source_of(&e.source) {
                    ids.insert(e.source.clone(), sources.len() as u32);
                    sources.push(s.clone());
                }
            }
        }
        WasmReport {
            page: page.to_string(),
            report,
            sources,
            ids,
        }
    }
}

#[wasm_bindgen(js_class = Report)]
impl WasmReport {
    /// Merge `other`, a report of the same page, into this one (it is taken: its object is
    /// spent). Each claim's evidence is the union, judged again (the core's `merge_reports`);
    /// throws when the reports are not of the same page (this report is then unchanged).
    pub fn merge(&mut self, other: WasmReport) -> Result<(), JsError> {
        if other.page != self.page {
            return Err(js_error(
                "the reports to merge are not of the same page (their texts differ)",
            ));
        }
        crate::merge_reports(&mut self.report, other.report).map_err(js_error)?;
        for s in other.sources {
            if !self.ids.contains_key(&s.id) {
                self.ids.insert(s.id.clone(), self.sources.len() as u32);
                self.sources.push(s);
            }
        }
        Ok(())
    }

    /// The counts per verdict and of the sources compared, as `Annotation.summary`.
    #[wasm_bindgen(unchecked_return_type = "Summary")]
    pub fn summary(&self) -> Result<JsValue, JsError> {
        to_js(&self.report.summary)
    }

    /// The page's story, as `Annotation.story`.
    #[wasm_bindgen(unchecked_return_type = "StoryRef | null")]
    pub fn story(&self) -> Result<JsValue, JsError> {
        to_js(&self.report.story)
    }

    /// The report as `Engine.annotate` gives it: UTF-16 offsets, and each source's outlet,
    /// title and URL.
    #[wasm_bindgen(unchecked_return_type = "Annotation")]
    pub fn annotation(&self) -> Result<JsValue, JsError> {
        to_js(&OutputReport::new(&self.report, &self.page, |id| {
            self.ids.get(id).and_then(|&i| self.sources.get(i as usize))
        }))
    }
}

/// A stored index's manifest (`corroborate index`), as JSON text or an object, read with the
/// browser's `JSON.parse` and `Reflect` (no JSON parser compiled in; see `source_from`).
fn manifest_from(value: JsValue) -> Result<crate::store::Manifest, JsError> {
    use crate::store::{Kind, Manifest, ShardRef};
    let value = match value.as_string() {
        Some(json) => js_sys::JSON::parse(&json).map_err(|e| {
            js_error(format!(
                "the index manifest is not JSON: {}",
                message_of(&e)
            ))
        })?,
        None => value,
    };
    if !is_object(&value) {
        return Err(js_error("the index manifest is not an object"));
    }
    let number = |obj: &JsValue, key: &str| -> Result<u64, JsError> {
        match get(obj, key).as_f64() {
            Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= 9.0e15 => Ok(n as u64),
            _ => Err(js_error(format!(
                "the index manifest is malformed: {key:?} is not a count"
            ))),
        }
    };
    let small = |obj: &JsValue, key: &str| -> Result<u32, JsError> {
        u32::try_from(number(obj, key)?).map_err(|_| {
            js_error(format!(
                "the index manifest is malformed: {key:?} is too large"
            ))
        })
    };
    // The format and version first, so that another version says so.
    let format = get(&value, "format").as_string();
    let version = get(&value, "version")
        .as_f64()
        .filter(|v| *v >= 0.0 && v.fract() == 0.0)
        .map(|v| v as u64);
    crate::store::check_head(format.as_deref(), version).map_err(js_error)?;
    let malformed = |what: &str| js_error(format!("the index manifest is malformed: {what}"));
    // A count at position `i` of an array.
    let at = |row: &js_sys::Array, i: u32| -> Result<u64, JsError> {
        match row.get(i).as_f64() {
            Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= 9.0e15 => Ok(n as u64),
            _ => Err(malformed("a shard's counts are not counts")),
        }
    };
    let at32 = |row: &js_sys::Array, i: u32| -> Result<u32, JsError> {
        u32::try_from(at(row, i)?).map_err(|_| malformed("a shard's counts are not counts"))
    };
    let rows = |list: &JsValue, what: &str| -> Result<Vec<js_sys::Array>, JsError> {
        if !js_sys::Array::is_array(list) {
            return Err(malformed(&format!("its {what} are not a list")));
        }
        // (A row that is not a list reads as an empty one, and so fails as malformed.)
        Ok(js_sys::Array::from(list)
            .iter()
            .map(|row| js_sys::Array::from(&row))
            .collect())
    };
    let file =
        |row: &js_sys::Array| crate::store::shard_file(&row.get(0).as_string().unwrap_or_default());
    let mut shards = Vec::new();
    for row in rows(&get(&value, "packs"), "packs")? {
        shards.push(ShardRef {
            file: file(&row),
            kind: Kind::Sources,
            part: at32(&row, 1)?,
            stories: at32(&row, 2)?,
            sources: at32(&row, 3)?,
            bytes: at(&row, 4)?,
        });
    }
    let parts = get(&value, "parts");
    if !is_object(&parts) {
        return Err(malformed("it has no \"parts\""));
    }
    for name in js_sys::Object::keys(&js_sys::Object::from(parts.clone())).iter() {
        let name = name.as_string().unwrap_or_default();
        if !Kind::TABLES.iter().any(|k| k.name() == name) {
            return Err(js_error(format!(
                "the index manifest's parts name an unknown kind {name:?}"
            )));
        }
    }
    for kind in Kind::TABLES {
        let list = get(&parts, kind.name());
        if list.is_undefined() {
            continue;
        }
        for (p, row) in rows(&list, kind.name())?.into_iter().enumerate() {
            shards.push(ShardRef {
                file: file(&row),
                kind,
                part: p as u32,
                stories: 0,
                sources: 0,
                bytes: at(&row, 1)?,
            });
        }
    }
    Manifest {
        format: format.unwrap_or_default(),
        version: small(&value, "version")?,
        sources: small(&value, "sources")?,
        stories: small(&value, "stories")?,
        entries: small(&value, "entries")?,
        terms: small(&value, "terms")?,
        shards,
    }
    .checked()
    .map_err(js_error)
}

/// A stored index (`corroborate index`) read a page at a time: made from its manifest, it says
/// which shards a page needs (`wants`), takes their bytes (`add`), and then annotates the page
/// as an `Engine` of the whole corpus would. The host fetches the shards (worker.js).
#[wasm_bindgen(js_name = IndexEngine)]
pub struct WasmIndex {
    inner: crate::store::Lazy,
}

#[wasm_bindgen(js_class = IndexEngine)]
impl WasmIndex {
    /// Read an index's manifest (`manifest.json`: its JSON text or the parsed object). Throws
    /// an `Error` when it is not an index this module reads.
    #[wasm_bindgen(constructor)]
    pub fn new(manifest: JsValue) -> Result<WasmIndex, JsError> {
        Ok(WasmIndex {
            inner: crate::store::Lazy::new(manifest_from(manifest)?),
        })
    }

    /// How many sources the index holds.
    pub fn sources(&self) -> u32 {
        self.inner.manifest().sources
    }

    /// The shard files (paths relative to the manifest) that annotating `text` still needs;
    /// empty when it can be annotated. Ask again after adding them (at most three rounds).
    pub fn wants(
        &mut self,
        text: &str,
        #[wasm_bindgen(unchecked_param_type = "AnnotateOptions | string | undefined")]
        options: JsValue,
    ) -> Result<Vec<String>, JsError> {
        let options = options_from(options)?;
        self.inner
            .wants(text, options.exclude.as_deref())
            .map_err(js_error)
    }

    /// Take a shard's bytes; throws an `Error` naming it when it is not a shard of this index,
    /// or is truncated or corrupt.
    pub fn add(&mut self, file: &str, bytes: &[u8]) -> Result<(), JsError> {
        self.inner.add(file, bytes).map_err(js_error)
    }

    /// Annotate a page's text against the sources of its story, as `Engine.annotate` does.
    /// Throws when a shard it needs was not added, and for `allSources` (an index is read a
    /// story at a time).
    #[wasm_bindgen(unchecked_return_type = "Annotation")]
    pub fn annotate(
        &mut self,
        text: &str,
        #[wasm_bindgen(unchecked_param_type = "AnnotateOptions | string | undefined")]
        options: JsValue,
    ) -> Result<JsValue, JsError> {
        let _measure = Measure::start();
        self.checked(text, options)?.annotation()
    }

    /// The same check as `annotate`, kept in the module as a `Report` (see `Engine.report`).
    pub fn report(
        &mut self,
        text: &str,
        #[wasm_bindgen(unchecked_param_type = "AnnotateOptions | string | undefined")]
        options: JsValue,
    ) -> Result<WasmReport, JsError> {
        let _measure = Measure::start();
        self.checked(text, options)
    }
}

impl WasmIndex {
    fn checked(&mut self, text: &str, options: JsValue) -> Result<WasmReport, JsError> {
        let options = options_from(options)?;
        if options.all_sources {
            return Err(js_error(
                "an index is read a story at a time: allSources needs a corpus, not an index",
            ));
        }
        let report = self
            .inner
            .check(text, options.exclude.as_deref())
            .map_err(js_error)?;
        let inner = &self.inner;
        Ok(WasmReport::new(text, report, |id| inner.source(id)))
    }
}

/// Install the engine's data: the bytes of `wordnet.bin` (the WordNet table) and
/// `stance.bin` (the stance model), shipped beside this module. Call it once, after the module
/// is initialised and before `new Engine(...)`; a later call checks its bytes and keeps the data
/// already installed. Throws an `Error` naming the file that is malformed.
#[wasm_bindgen(js_name = loadData)]
pub fn load_data(lexicon: &[u8], model: &[u8]) -> Result<(), JsError> {
    let again = crate::data_loaded();
    crate::load_data(lexicon, model).map_err(js_error)?;
    if again {
        // Not an error (two copies of the shell may each load it), but a page that means to
        // swap the data for another version should know that it does not.
        web_sys::console::warn_1(&JsValue::from_str(
            "corroborate: loadData was called again; the data already installed is kept",
        ));
    }
    Ok(())
}
