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

mod align;
mod check;
mod claim;
mod error;
mod facts;
#[cfg(feature = "cli")]
pub mod fnc1;
mod html;
mod index;
mod judge;
mod output;
mod reason;
mod segment;
mod skip;
mod sort;
mod source;
mod stance;
pub mod synth;
mod text;
#[cfg(target_arch = "wasm32")]
mod wasm;
pub mod wordnet;
mod words;

pub use align::{align, Alignment, DiffKind, DiffSpan};
pub use check::{Checks, ClaimReport, Engine, Evidence, Relation, Report, Summary, Verdict};
pub use claim::{claim_terms, extract_claims, terms, Claim};
pub use error::{Error, ErrorKind, Result};
pub use facts::Facts;
pub use html::{decode_entities, html_to_text, HtmlDoc};
pub use index::{Hit, Index};
pub use judge::compare;
pub use output::{
    OutputClaim, OutputClaims, OutputDiff, OutputEvidence, OutputReason, OutputReport,
};
pub use reason::{Reason, ReasonKind};
pub use segment::sentences;
pub use skip::{claim_spans, is_claim};
#[cfg(not(target_arch = "wasm32"))]
pub use source::{load_path, load_path_limited};
pub use source::{parse_file, Corpus, Source, MAX_FILE_BYTES};
pub use stance::{
    stance, stance_detail, stance_prepared, stance_sentences, PreparedSource, StanceDetail,
};
pub use text::{is_stopword, normalize, stem, tokenize, Token, Utf16Map};
/// The browser class, re-exported for the browser tests (`tests/web.rs`).
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub use wasm::WasmEngine;
