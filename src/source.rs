//! Sources and corpora: what a source is, the corpus JSON format, and loaders for
//! `.txt`, `.md`, `.html` and `.json` files. (Stub: to be replaced by the full loaders.)

use crate::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};

/// One article from another outlet.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// Stable id: the file name without extension unless the file says otherwise.
    pub id: String,
    /// The article's headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The outlet that published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Where it was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Publication date, as written (ISO 8601 preferred).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The article's visible text.
    pub text: String,
}

/// A set of sources: the corpus JSON format is `{"sources": [Source, ...]}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Corpus {
    /// The sources, in order.
    pub sources: Vec<Source>,
}

impl Corpus {
    /// Parse a corpus from its JSON form.
    pub fn from_json(json: &str) -> Result<Corpus> {
        serde_json::from_str(json)
            .map_err(|e| Error::new(ErrorKind::Json, format!("malformed corpus JSON: {e}")))
    }
}
