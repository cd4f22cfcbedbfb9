//! The crate's error type: opaque, with a kind to branch on and a message for a person.

use std::fmt;

/// What went wrong, for callers that branch on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file or folder could not be read.
    Io,
    /// A file is not valid UTF-8.
    NotUtf8,
    /// The page has no text to check.
    EmptyPage,
    /// JSON that does not parse, or does not have the expected shape.
    Json,
    /// A corpus that parses but is not usable (duplicate ids, empty source, ...).
    Corpus,
    /// No sources were given.
    NoSources,
    /// A file whose kind is not supported.
    UnsupportedFormat,
    /// A data set or model file that is malformed.
    Data,
    /// A stored index (`corroborate index`) that is malformed, corrupt, truncated or of a
    /// version this build does not read.
    Index,
    /// Reports that cannot be merged into one ([`crate::merge_reports`]): reports of different
    /// pages.
    Merge,
}

/// An error from corroborate: a kind and a one-line message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    /// An error of this kind with a one-line message (for the tools built on the core, such
    /// as the command-line reader of files).
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
        }
    }

    /// What kind of error this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message, without the kind.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
