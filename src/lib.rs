//! corroborate finds the claims on a page that other sources also make, and says for each
//! source whether it **confirms**, **contradicts** or is only **related** to the claim, with the
//! words that differ.
//!
//! The core is plain Rust: text normalisation and tokens ([`tokenize`], [`normalize`]),
//! sentence segmentation ([`sentences`]), claims and their checkable facts ([`extract_claims`],
//! [`Facts`]), retrieval over an inverted index ([`Index`]), word-level alignment ([`align`]),
//! typed reasons ([`Reason`]) and verdicts ([`Engine::check`]), with the sources grouped into
//! stories ([`Engine::stories`], [`stories`]) so that a page is compared with its own story's
//! sources. The browser module and the command-line tool are thin layers over it.
//!
//! ```
//! use corroborate::{Corpus, Engine, Relation, Source, Verdict};
//!
//! let corpus = Corpus { sources: vec![
//!     Source { id: "wire".into(), text: "Defense Secretary Pete Hegseth visited Hanoi on Sunday.".into(), ..Default::default() },
//! ]};
//! let engine = Engine::new(corpus)?;
//! let report = engine.check("Congressman Pete Hegseth visited Hanoi on Sunday.")?;
//! let claim = &report.claims[0];
//! assert_eq!(claim.verdict, Verdict::Contradicted);
//! assert_eq!(claim.evidence[0].relation, Relation::Contradicts);
//! # Ok::<(), corroborate::Error>(())
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

// The pipeline, one room per stage, in order (ARCHITECTURE.md has the tour):
// the page's and the sources' text,
mod text;
// its sentences,
mod sentences;
// the claims among the page's sentences,
mod claims;
// the facts each claim states,
mod facts;
// the stories the sources tell, and the page's among them,
pub mod stories;
// the candidate source sentences of each claim,
mod retrieval;
// the words of claim and candidate aligned,
mod alignment;
// each source's relation to the claim,
mod judgement;
// the claim's verdict across sources,
mod verdict;
// and the report, as the browser and the JSON output receive it.
mod report;
// The engine takes a page through them against an indexed corpus.
mod engine;

// The corpus stored as a folder of static files, read back by the same core.
pub mod store;

mod data;
mod error;
mod sort;
#[cfg(target_arch = "wasm32")]
mod wasm;
pub use judgement::wordnet;
mod words;

pub use alignment::{align, Alignment, DiffKind, DiffSpan};
pub use claims::skip::{claim_spans, is_claim};
pub use claims::{claim_terms, extract_claims, terms, Claim};
pub use data::{data_loaded, load_data};
pub use engine::{CheckOptions, Checks, Engine};
pub use error::{Error, ErrorKind, Result};
pub use facts::Facts;
pub use judgement::compare;
pub use judgement::reason::{Reason, ReasonKind};
pub use judgement::stance::{
    stance, stance_detail, stance_prepared, stance_sentences, PreparedSource, StanceDetail,
};
pub use judgement::Relation;
pub use report::{
    OutputClaim, OutputClaims, OutputDiff, OutputEvidence, OutputReason, OutputReport,
};
pub use retrieval::{Hit, Index};
pub use sentences::sentences;
pub use stories::{Story, StoryRef};
pub use text::source::{sources_from_json, Corpus, Source};
pub use text::{is_stopword, normalize, stem, tokenize, Token, Utf16Map};
pub use verdict::{merge as merge_reports, ClaimReport, Evidence, Report, Summary, Verdict};
/// The browser's `loadData`, re-exported for the browser tests (`tests/web.rs`).
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub use wasm::load_data as __wasm_load_data;
/// The browser classes (`Engine`, `IndexEngine`), re-exported for the browser tests
/// (`tests/web.rs`).
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub use wasm::{WasmEngine, WasmIndex};

/// What the native tools of `crates/cli` (the stance model's trainer, the WordNet table's
/// builder, the FNC-1 evaluator) reach inside the core for: the model's features and file
/// format, the table's format, and the judge's settling of a whole source. Only with the
/// `tools` feature, never in the WebAssembly build; not a stable API.
#[cfg(feature = "tools")]
#[doc(hidden)]
pub mod tools {
    pub use crate::judgement::stance::{contradiction_stands, features, model, sentence_relation};
    pub use crate::judgement::wordnet::format as wordnet_format;
    pub use crate::judgement::{is_headline, settle, ARTICLE_SENTENCES};
}
