//! The two data files the judge reads: the WordNet table (`model/wordnet.bin`, see
//! [`crate::wordnet`]) and the stance model (`model/stance.bin`).
//!
//! Natively (the default `embedded-data` feature) both are compiled into the crate and parsed
//! at first use. The WebAssembly module is built without that feature, so that its `.wasm`
//! stays small and the ~135 KB (gzipped) of data is a pair of files that the page's worker
//! fetches once, caches like any static file and hands over with [`load_data`] before it makes
//! an engine; [`crate::Engine::new`] refuses to start without them.
//!
//! ```
//! // With `embedded-data`, the data is there from the start; loading it again is harmless.
//! assert!(corroborate::data_loaded());
//! let lexicon = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/model/wordnet.bin")).unwrap();
//! let model = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/model/stance.bin")).unwrap();
//! corroborate::load_data(&lexicon, &model)?;
//! assert!(corroborate::load_data(b"not a table", &model).is_err());
//! # Ok::<(), corroborate::Error>(())
//! ```

use crate::error::{Error, ErrorKind, Result};
use crate::stance::Model;
use crate::wordnet::Table;
use std::sync::OnceLock;

#[cfg(feature = "embedded-data")]
static EMBEDDED_LEXICON: &[u8] = include_bytes!("../model/wordnet.bin");
#[cfg(feature = "embedded-data")]
static EMBEDDED_MODEL: &[u8] = include_bytes!("../model/stance.bin");

static LEXICON: OnceLock<Option<Table>> = OnceLock::new();
static MODEL: OnceLock<Option<Model>> = OnceLock::new();

/// Check and install the WordNet table and the stance model (the bytes of `wordnet.bin` and
/// `stance.bin`, as shipped beside the WebAssembly module).
///
/// Both are parsed before either is installed, so a bad file changes nothing. Once data is
/// installed (or, with `embedded-data`, once the built-in data is in use) later calls check
/// their bytes and keep the data already there: an engine never sees its knowledge change.
///
/// # Errors
///
/// [`ErrorKind::Data`] when a file is not the table or the model this version reads (wrong
/// magic, version or checksum, or cut short).
pub fn load_data(lexicon: &[u8], model: &[u8]) -> Result<()> {
    let table = Table::from_bytes(lexicon).ok_or_else(|| {
        Error::new(
            ErrorKind::Data,
            "the lexicon (wordnet.bin) is malformed or from another version",
        )
    })?;
    let model = Model::from_bytes(model).ok_or_else(|| {
        Error::new(
            ErrorKind::Data,
            "the stance model (stance.bin) is malformed or from another version",
        )
    })?;
    let _ = LEXICON.set(Some(table));
    let _ = MODEL.set(Some(model));
    Ok(())
}

/// Whether the table and the model are installed (built in, or given to [`load_data`]).
pub fn data_loaded() -> bool {
    lexicon().is_some() && model().is_some()
}

/// The error [`crate::Engine::new`] gives when [`data_loaded`] is false.
pub(crate) fn not_loaded() -> Error {
    Error::new(
        ErrorKind::Data,
        "the engine's data is not loaded: call loadData(lexicon, model) with the bytes of \
         wordnet.bin and stance.bin (shipped beside the module) before making an engine",
    )
}

/// The WordNet table, if installed.
pub(crate) fn lexicon() -> Option<&'static Table> {
    #[cfg(feature = "embedded-data")]
    let table = LEXICON.get_or_init(|| Table::from_bytes(EMBEDDED_LEXICON));
    #[cfg(not(feature = "embedded-data"))]
    let table = LEXICON.get()?;
    table.as_ref()
}

/// The stance model, if installed.
pub(crate) fn model() -> Option<&'static Model> {
    #[cfg(feature = "embedded-data")]
    let model = MODEL.get_or_init(|| Model::from_bytes(EMBEDDED_MODEL));
    #[cfg(not(feature = "embedded-data"))]
    let model = MODEL.get()?;
    model.as_ref()
}
