//! Sources and corpora: what a source is, and the corpus JSON format.
//!
//! A [`Source`] is one article from another outlet: an id, optional title, outlet, url and
//! publication date, and its visible text. A [`Corpus`] is a list of sources with unique ids;
//! its JSON form is `{"sources": [...]}` (see `docs/corpus.md`). Reading `.txt`, `.md` and
//! `.html` files and folders is the command-line tool's (`crates/cli`, `read`): the browser
//! gets its sources as objects or corpus JSON.

use crate::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One article from another outlet.
///
/// ```
/// use corroborate::Source;
/// let s = Source::new("wire", "Five people were injured.");
/// assert_eq!(s.id, "wire");
/// assert_eq!(s.title, None);
/// ```
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
    /// The story it belongs to, as a person named it (see `stories`): sources with one label
    /// are one story, and two labels are never merged. Trimmed, white space collapsed, at most
    /// 200 characters; `None` lets the engine group it automatically.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
    /// The article's visible text.
    pub text: String,
}

/// A set of sources: the corpus JSON format is `{"sources": [Source, ...]}`.
///
/// ```
/// use corroborate::{Corpus, Source};
/// let corpus = Corpus { sources: vec![Source::new("a", "Rain fell in Lyon.")] };
/// let json = corpus.to_json();
/// assert_eq!(Corpus::from_json(&json)?, corpus);
/// # Ok::<(), corroborate::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Corpus {
    /// The sources, in order.
    pub sources: Vec<Source>,
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

impl Source {
    /// A source with an id and a text, and no metadata.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Source {
        Source {
            id: id.into(),
            text: text.into(),
            ..Default::default()
        }
    }
}

/// A JSON syntax error as a one-line message with its line and column.
fn json_error(e: &serde_json::Error) -> Error {
    let full = e.to_string();
    let what = match full.rfind(" at line ") {
        Some(n) => full.get(..n).unwrap_or(&full),
        None => &full,
    };
    Error::new(
        ErrorKind::Json,
        format!(
            "malformed JSON at line {}, column {}: {what}",
            e.line(),
            e.column()
        ),
    )
}

/// The sources of a JSON document: a corpus, an array of sources or one source. Sources
/// without an id take `default_id` (one source) or `default_id-N` (several), or fail when
/// there is no default.
pub fn sources_from_json(json: &str, default_id: Option<&str>) -> Result<Vec<Source>> {
    let value: Value = serde_json::from_str(json).map_err(|e| json_error(&e))?;
    let (items, single) = match value {
        Value::Array(items) => (items, false),
        Value::Object(mut map) => match map.remove("sources") {
            Some(Value::Array(items)) => (items, false),
            Some(Value::Null) | None if map.contains_key("text") || map.contains_key("id") => {
                (vec![Value::Object(map)], true)
            }
            Some(Value::Null) | None => {
                return Err(Error::new(
                    ErrorKind::Corpus,
                    "the JSON has no \"sources\" list (expected {\"sources\": [...]}, a list of sources or one source)",
                ))
            }
            Some(_) => {
                return Err(Error::new(ErrorKind::Json, "\"sources\" must be a list of source objects"))
            }
        },
        _ => {
            return Err(Error::new(
                ErrorKind::Json,
                "expected a corpus object {\"sources\": [...]}, a list of sources or one source",
            ))
        }
    };
    if items.is_empty() {
        return Err(Error::new(ErrorKind::Corpus, "the corpus has no sources"));
    }
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let default = default_id.map(|d| {
                if single {
                    d.to_string()
                } else {
                    format!("{d}-{}", i + 1)
                }
            });
            source_from_value(item, i + 1, default)
        })
        .collect()
}

/// One source object, checked field by field. `n` is its 1-based position.
fn source_from_value(value: Value, n: usize, default_id: Option<String>) -> Result<Source> {
    let Value::Object(map) = value else {
        return Err(Error::new(
            ErrorKind::Json,
            format!("source {n} is not an object"),
        ));
    };
    let field = |key: &str, label: &str| -> Result<Option<String>> {
        match map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(Value::Number(x)) if key != "text" => Ok(Some(x.to_string())),
            Some(_) => Err(Error::new(
                ErrorKind::Json,
                format!("{label}: \"{key}\" must be a string"),
            )),
        }
    };
    source_from_fields(&format!("source {n}"), default_id, field)
}

/// A source from its fields, checked: an `id` (else `default_id`) and a `text`, neither empty;
/// the optional fields trimmed, and dropped when empty. `field(key, label)` reads one field as
/// text (`None` when it is absent); `label` names the source in messages until its id is known.
/// The corpus JSON reader and the browser boundary (which reads JavaScript objects) share it,
/// so both accept the same sources and say the same things about bad ones.
pub(crate) fn source_from_fields(
    label: &str,
    default_id: Option<String>,
    field: impl Fn(&str, &str) -> Result<Option<String>>,
) -> Result<Source> {
    let id = match field("id", label)? {
        Some(id) => id.trim().to_string(),
        None => default_id
            .ok_or_else(|| Error::new(ErrorKind::Corpus, format!("{label} has no \"id\"")))?,
    };
    if id.is_empty() {
        return Err(Error::new(
            ErrorKind::Corpus,
            format!("{label} has an empty id"),
        ));
    }
    let label = format!("source {id:?}");
    let text = field("text", &label)?
        .ok_or_else(|| Error::new(ErrorKind::Corpus, format!("{label} has no \"text\"")))?;
    if text.trim().is_empty() {
        return Err(Error::new(
            ErrorKind::Corpus,
            format!("{label} has empty text"),
        ));
    }
    let opt = |key: &str| -> Result<Option<String>> {
        Ok(field(key, &label)?.and_then(|v| non_empty(&v)))
    };
    let story = crate::stories::clean_label(field("story", &label)?.as_deref(), &id)?;
    Ok(Source {
        title: opt("title")?,
        outlet: opt("outlet")?,
        url: opt("url")?,
        published: opt("published")?,
        story,
        id,
        text,
    })
}

impl Corpus {
    /// Parse a corpus from JSON and check it ([`Corpus::validate`]).
    ///
    /// Accepts `{"sources": [...]}`, a bare array of sources, or a single source object.
    /// Every source needs an `id` and a non-empty `text`; `title`, `outlet`, `url` and
    /// `published` are optional strings; other fields are ignored. Errors: kind
    /// [`ErrorKind::Json`] for malformed JSON (with line and column) or a field of the wrong
    /// type, kind [`ErrorKind::Corpus`] for a missing or empty `sources` list, a source without
    /// id or text, an empty text, or two sources with the same id.
    ///
    /// ```
    /// use corroborate::{Corpus, ErrorKind};
    /// let c = Corpus::from_json(r#"{"sources": [{"id": "a", "text": "Rain fell."}]}"#)?;
    /// assert_eq!(c.sources[0].id, "a");
    /// let e = Corpus::from_json(r#"[{"id": "a", "text": "x"}, {"id": "a", "text": "y"}]"#).unwrap_err();
    /// assert_eq!(e.kind(), ErrorKind::Corpus);
    /// assert_eq!(e.message(), r#"two sources have the id "a""#);
    /// # Ok::<(), corroborate::Error>(())
    /// ```
    pub fn from_json(json: &str) -> Result<Corpus> {
        let corpus = Corpus {
            sources: sources_from_json(json, None)?,
        };
        corpus.validate()?;
        Ok(corpus)
    }

    /// The corpus as pretty-printed JSON, `{"sources": [...]}`, absent fields left out.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|_| String::from("{\"sources\": []}"))
    }

    /// Check that the corpus is usable: at least one source, every id non-empty and unique,
    /// every text non-empty, every `story` label at most 200 characters.
    ///
    /// ```
    /// use corroborate::{Corpus, Source};
    /// assert!(Corpus { sources: vec![Source::new("a", "Text.")] }.validate().is_ok());
    /// assert!(Corpus { sources: vec![Source::new("a", " ")] }.validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<()> {
        if self.sources.is_empty() {
            return Err(Error::new(ErrorKind::Corpus, "the corpus has no sources"));
        }
        let mut seen: std::collections::HashSet<&str> =
            std::collections::HashSet::with_capacity(self.sources.len());
        for (i, s) in self.sources.iter().enumerate() {
            if s.id.trim().is_empty() {
                return Err(Error::new(
                    ErrorKind::Corpus,
                    format!("source {} has an empty id", i + 1),
                ));
            }
            if s.text.trim().is_empty() {
                return Err(Error::new(
                    ErrorKind::Corpus,
                    format!("source {:?} has empty text", s.id),
                ));
            }
            crate::stories::clean_label(s.story.as_deref(), &s.id)?;
            if !seen.insert(s.id.as_str()) {
                return Err(Error::new(
                    ErrorKind::Corpus,
                    format!("two sources have the id {:?}", s.id),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_shapes_and_errors() {
        let ok = [
            (r#"{"sources":[{"id":"a","text":"t"}]}"#, None, vec!["a"]),
            (
                r#"[{"id":"a","text":"t"},{"id":"b","text":"u"}]"#,
                None,
                vec!["a", "b"],
            ),
            (r#"{"id":"a","text":"t","extra":1}"#, None, vec!["a"]),
            (r#"{"text":"t"}"#, Some("file"), vec!["file"]),
            (
                r#"[{"text":"t"},{"text":"u"}]"#,
                Some("file"),
                vec!["file-1", "file-2"],
            ),
            (
                r#"{"sources":[{"id":7,"text":"t","published":2025}]}"#,
                None,
                vec!["7"],
            ),
        ];
        for (input, default, want) in ok {
            let got: Vec<String> = sources_from_json(input, default)
                .unwrap_or_default()
                .into_iter()
                .map(|s| s.id)
                .collect();
            assert_eq!(got, want, "{input:?}");
        }
        let bad = [
            ("{", ErrorKind::Json, "malformed JSON at line 1, column 1: EOF while parsing an object"),
            ("{\n \"sources\": [,]}", ErrorKind::Json, "malformed JSON at line 2, column 14: expected value"),
            ("{}", ErrorKind::Corpus, "the JSON has no \"sources\" list (expected {\"sources\": [...]}, a list of sources or one source)"),
            (r#"{"sources": []}"#, ErrorKind::Corpus, "the corpus has no sources"),
            (r#"{"sources": {}}"#, ErrorKind::Json, "\"sources\" must be a list of source objects"),
            ("42", ErrorKind::Json, "expected a corpus object {\"sources\": [...]}, a list of sources or one source"),
            ("[1]", ErrorKind::Json, "source 1 is not an object"),
            (r#"[{"text":"t"}]"#, ErrorKind::Corpus, "source 1 has no \"id\""),
            (r#"[{"id":" ","text":"t"}]"#, ErrorKind::Corpus, "source 1 has an empty id"),
            (r#"[{"id":"a"}]"#, ErrorKind::Corpus, "source \"a\" has no \"text\""),
            (r#"[{"id":"a","text":"  "}]"#, ErrorKind::Corpus, "source \"a\" has empty text"),
            (r#"[{"id":"a","text":3}]"#, ErrorKind::Json, "source \"a\": \"text\" must be a string"),
            (r#"[{"id":"a","text":"t","title":[]}]"#, ErrorKind::Json, "source \"a\": \"title\" must be a string"),
            (r#"[{"id":"a","text":"t"},{"id":"a","text":"u"}]"#, ErrorKind::Corpus, "two sources have the id \"a\""),
        ];
        for (input, kind, message) in bad {
            match Corpus::from_json(input) {
                Ok(c) => panic!("{input:?} parsed: {c:?}"),
                Err(e) => assert_eq!((e.kind(), e.message()), (kind, message), "{input:?}"),
            }
        }
    }
}
