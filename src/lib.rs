//! corroborate finds the claims on a page that other sources also make, and says for each
//! source whether it **confirms**, **contradicts** or is only **related** to the claim, with the
//! words that differ.
//!
//! The core is plain Rust: text normalisation and tokens ([`tokenize`], [`normalize`]),
//! sentence segmentation ([`sentences`]), claims and their checkable facts ([`extract_claims`],
//! [`Facts`]), retrieval over an inverted index ([`Index`]), word-level alignment ([`align`]),
//! typed reasons ([`Reason`]) and verdicts ([`Engine::check`]). The browser module and the
//! command-line tool are thin layers over it.
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

// The pipeline, one room per stage, in order: a page's text and the sources' texts, their
// sentences, the claims among the page's sentences, the facts each states, retrieval of the
// candidate source sentences, alignment of words, the judgement of each source's relation to
// the claim, the claim's verdict across sources, and the report. ARCHITECTURE.md has the tour.
mod alignment;
mod claims;
mod engine;
mod facts;
mod judgement;
mod report;
mod retrieval;
mod sentences;
mod text;
mod verdict;

mod data;
mod error;
#[cfg(feature = "cli")]
pub mod fnc1;
mod html;
mod sort;
pub mod synth;
#[cfg(target_arch = "wasm32")]
mod wasm;
pub use judgement::wordnet;

pub use alignment::{align, Alignment, DiffKind, DiffSpan};
pub use claims::skip::{claim_spans, is_claim};
pub use claims::{claim_terms, extract_claims, terms, Claim};
pub use data::{data_loaded, load_data};
pub use engine::{Checks, Engine};
pub use error::{Error, ErrorKind, Result};
pub use facts::Facts;
pub use html::{decode_entities, html_to_text, HtmlDoc};
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
#[cfg(not(target_arch = "wasm32"))]
pub use text::source::{load_path, load_path_limited};
pub use text::source::{parse_file, Corpus, Source, MAX_FILE_BYTES};
pub use text::{is_stopword, normalize, stem, tokenize, Token, Utf16Map};
pub use verdict::{ClaimReport, Evidence, Report, Summary, Verdict};
/// The browser's `loadData`, re-exported for the browser tests (`tests/web.rs`).
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub use wasm::load_data as __wasm_load_data;
/// The browser class, re-exported for the browser tests (`tests/web.rs`).
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub use wasm::WasmEngine;
