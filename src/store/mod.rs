//! The stored index: a corpus written once as a folder of static files (`corroborate index`),
//! read back by the same core.
//!
//! # The folder (format version 1)
//!
//! ```text
//! manifest.json            the one file a reader revalidates: what the index holds
//! s/0123456789abcdef.bin   source shards, named by the XXH3-64 hash of their payload
//! ```
//!
//! A shard holds the sources of one story (a story larger than [`SHARD_BYTES`] is cut into
//! several shards, in source order), so that a page's story can be read without the rest of
//! the corpus, and so that adding a day of articles rewrites only the shards of the stories it
//! touches: a shard whose sources did not change has the same bytes, and so the same name. A
//! shard's name never points at other bytes: shards are immutable and can be cached forever;
//! only `manifest.json` changes when the index is rebuilt.
//!
//! The manifest is JSON:
//!
//! ```json
//! {"format": "corroborate-index", "version": 1, "sources": 2, "stories": 1,
//!  "shards": [{"file": "s/9d1f0c6a5e3b2a17.bin", "story": "auto:5c0e9e4f", "sources": 2,
//!              "bytes": 412}]}
//! ```
//!
//! # A shard
//!
//! All integers little-endian; `varint` is LEB128 (at most five bytes for a `u32`); a
//! string is a varint byte length and that many bytes of UTF-8.
//!
//! | offset | size | field |
//! |---:|---:|---|
//! | 0 | 4 | magic `CRBS` |
//! | 4 | 2 | format version (`u16`, 1) |
//! | 6 | 1 | kind (1: sources) |
//! | 7 | 1 | reserved, 0 |
//! | 8 | 4 | payload length in bytes (`u32`) |
//! | 12 | 8 | XXH3-64 of the payload (`u64`): the shard's checksum and its name |
//! | 20 | … | payload |
//!
//! The payload is a varint count of sources, then for each: its ordinal (varint: its place
//! in the corpus, so that the corpus read back has the order it was built from), a byte of
//! flags saying which optional fields follow (bit 0 title, 1 outlet, 2 url, 3 published,
//! 4 story), its id, the optional fields in that order, and its text.
//!
//! A shard that is truncated, corrupt (its checksum differs), of another version or kind, or
//! whose content breaks the format is an [`ErrorKind::Index`] error naming the shard; no input
//! can make the reader panic.
//!
//! ```
//! use corroborate::{store, Corpus, Engine, Source};
//! let corpus = Corpus { sources: vec![
//!     Source::new("a", "The ferry struck the pier on Tuesday evening."),
//!     Source::new("b", "A ferry hit the pier on Tuesday evening, the operator said."),
//! ]};
//! let built = store::build(&corpus)?;
//! let json = built.manifest.to_json();
//! let manifest = store::Manifest::from_json(&json)?;
//! let read = store::read(&manifest, &mut |shard| {
//!     let (_, bytes) = built.shards.iter().find(|(s, _)| s.file == shard.file).unwrap();
//!     Ok(bytes.clone())
//! })?;
//! assert_eq!(read, corpus);
//! # let _ = Engine::new(read)?;
//! # Ok::<(), corroborate::Error>(())
//! ```

use crate::error::{Error, ErrorKind, Result};
use crate::text::source::{Corpus, Source};
use serde::{Deserialize, Serialize};

#[cfg(feature = "tools")]
mod write;
#[cfg(feature = "tools")]
pub use write::{build, Built};

/// The `format` field of a manifest.
pub const FORMAT: &str = "corroborate-index";

/// The format version this build writes and reads.
pub const VERSION: u32 = 1;

/// A story's sources are cut into shards of about this many payload bytes at most (a single
/// larger source has a shard of its own).
pub const SHARD_BYTES: usize = 256 * 1024;

/// The name of the manifest in an index folder.
pub const MANIFEST: &str = "manifest.json";

const MAGIC: &[u8; 4] = b"CRBS";
const HEADER: usize = 20;
const KIND_SOURCES: u8 = 1;

/// What an index folder holds: [`Manifest::from_json`] reads `manifest.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// The format version ([`VERSION`]).
    pub version: u32,
    /// How many sources the index holds.
    pub sources: u32,
    /// How many stories they were grouped into when the index was built.
    pub stories: u32,
    /// The shards, story by story in the order of each story's first source.
    pub shards: Vec<ShardRef>,
}

/// One shard, as the manifest lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardRef {
    /// Its path in the index folder: `s/` and the 16 hex digits of its checksum, `.bin`.
    pub file: String,
    /// The id of the story its sources belong to ([`crate::Story::id`]).
    pub story: String,
    /// How many sources it holds.
    pub sources: u32,
    /// Its size in bytes.
    pub bytes: u64,
}

impl ShardRef {
    /// The checksum its name gives (XXH3-64 of its payload).
    pub fn checksum(&self) -> Option<u64> {
        let hex = self.file.strip_prefix("s/")?.strip_suffix(".bin")?;
        if hex.len() != 16 || !hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return None;
        }
        u64::from_str_radix(hex, 16).ok()
    }
}

fn index_error(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Index, message)
}

impl Manifest {
    /// Read a manifest. Fails ([`ErrorKind::Index`]) when it is not a corroborate index, is of
    /// a version this build does not read, or names a shard file that is not a shard's name
    /// (a manifest can never make the reader open another file).
    ///
    /// ```
    /// use corroborate::store::Manifest;
    /// let e = Manifest::from_json(r#"{"format":"corroborate-index","version":9,"sources":0,"stories":0,"shards":[]}"#).unwrap_err();
    /// assert!(e.to_string().contains("version 9"), "{e}");
    /// let e = Manifest::from_json(r#"{"format":"corroborate-index","version":1,"sources":1,"stories":1,
    ///     "shards":[{"file":"../secret.bin","story":"x","sources":1,"bytes":9}]}"#).unwrap_err();
    /// assert!(e.to_string().contains("../secret.bin"), "{e}");
    /// ```
    pub fn from_json(text: &str) -> Result<Manifest> {
        #[derive(Deserialize)]
        struct Head {
            format: Option<String>,
            version: Option<serde_json::Value>,
        }
        let head: Head = serde_json::from_str(text)
            .map_err(|e| index_error(format!("the index manifest is not JSON: {e}")))?;
        if head.format.as_deref() != Some(FORMAT) {
            return Err(index_error(format!(
                "not a corroborate index manifest (its \"format\" is not {FORMAT:?})"
            )));
        }
        match head.version.as_ref().and_then(serde_json::Value::as_u64) {
            Some(v) if v == u64::from(VERSION) => {}
            Some(v) => {
                return Err(index_error(format!(
                    "the index is format version {v}; this corroborate reads version {VERSION} \
                     (rebuild the index with this version's `corroborate index`)"
                )))
            }
            None => return Err(index_error("the index manifest has no version number")),
        }
        let manifest: Manifest = serde_json::from_str(text)
            .map_err(|e| index_error(format!("the index manifest is malformed: {e}")))?;
        let mut total = 0u64;
        for shard in &manifest.shards {
            if shard.checksum().is_none() {
                return Err(index_error(format!(
                    "the index manifest names {:?}, which is not a shard's name",
                    shard.file
                )));
            }
            total += u64::from(shard.sources);
        }
        if total != u64::from(manifest.sources) {
            return Err(index_error(format!(
                "the index manifest says {} sources but its shards hold {total}",
                manifest.sources
            )));
        }
        Ok(manifest)
    }

    /// The manifest as JSON, one shard per line.
    pub fn to_json(&self) -> String {
        let mut out = format!(
            "{{\"format\": {}, \"version\": {}, \"sources\": {}, \"stories\": {},\n \"shards\": [",
            json_string(&self.format),
            self.version,
            self.sources,
            self.stories
        );
        for (i, s) in self.shards.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&format!(
                "\n  {{\"file\": {}, \"story\": {}, \"sources\": {}, \"bytes\": {}}}",
                json_string(&s.file),
                json_string(&s.story),
                s.sources,
                s.bytes
            ));
        }
        out.push_str("\n]}\n");
        out
    }

    /// The bytes of all its shards.
    pub fn bytes(&self) -> u64 {
        self.shards.iter().map(|s| s.bytes).sum()
    }
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// A source read from a shard, with its place in the corpus.
#[derive(Clone, Debug, PartialEq)]
pub struct Stored {
    /// Its place in the corpus the index was built from.
    pub ordinal: u32,
    /// The source.
    pub source: Source,
}

/// Read one shard's sources, checking its header, length and checksum against what the
/// manifest says of it.
pub fn decode_shard(shard: &ShardRef, bytes: &[u8]) -> Result<Vec<Stored>> {
    let bad = |what: &str| index_error(format!("index shard {}: {what}", shard.file));
    if bytes.len() < HEADER {
        return Err(bad("truncated (shorter than its header)"));
    }
    if bytes.get(0..4) != Some(&MAGIC[..]) {
        return Err(bad("not a corroborate index shard"));
    }
    let version = u16::from_le_bytes([bytes[4], bytes[5]]);
    if u32::from(version) != VERSION {
        return Err(bad(&format!(
            "format version {version}; this corroborate reads version {VERSION}"
        )));
    }
    if bytes[6] != KIND_SOURCES {
        return Err(bad(&format!("unknown kind {}", bytes[6])));
    }
    if bytes[7] != 0 {
        return Err(bad("malformed header (its reserved byte is not 0)"));
    }
    let len = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize;
    let mut sum = [0u8; 8];
    sum.copy_from_slice(&bytes[12..20]);
    let sum = u64::from_le_bytes(sum);
    let payload = &bytes[HEADER..];
    if payload.len() < len {
        return Err(bad(&format!(
            "truncated ({} of {} bytes)",
            bytes.len(),
            HEADER + len
        )));
    }
    if payload.len() > len {
        return Err(bad("has bytes after its payload"));
    }
    if xxhash_rust::xxh3::xxh3_64(payload) != sum || shard.checksum() != Some(sum) {
        return Err(bad("corrupt (its checksum does not match)"));
    }
    let mut r = Reader {
        bytes: payload,
        at: 0,
    };
    let count = r.varint().ok_or_else(|| bad("malformed count"))?;
    // Every source takes at least four bytes: a count larger than that is malformed, and is
    // never allocated for.
    if count as usize > payload.len() / 4 + 1 {
        return Err(bad("malformed count"));
    }
    let mut out = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let stored = r.source().ok_or_else(|| bad("malformed source record"))?;
        out.push(stored);
    }
    if r.at != payload.len() {
        return Err(bad("has bytes after its last source"));
    }
    if out.len() as u64 != u64::from(shard.sources) {
        return Err(bad(&format!(
            "holds {} sources where the manifest says {}",
            out.len(),
            shard.sources
        )));
    }
    Ok(out)
}

struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn varint(&mut self) -> Option<u32> {
        let mut v: u64 = 0;
        for i in 0..5 {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << (7 * i);
            if b & 0x80 == 0 {
                return u32::try_from(v).ok();
            }
        }
        None
    }

    fn string(&mut self) -> Option<String> {
        let len = self.varint()? as usize;
        let end = self.at.checked_add(len)?;
        let s = std::str::from_utf8(self.bytes.get(self.at..end)?).ok()?;
        self.at = end;
        Some(s.to_string())
    }

    fn source(&mut self) -> Option<Stored> {
        let ordinal = self.varint()?;
        let flags = self.byte()?;
        if flags & !0x1f != 0 {
            return None;
        }
        let id = self.string()?;
        let mut field = |bit: u8| -> Option<Option<String>> {
            if flags & (1 << bit) != 0 {
                self.string().map(Some)
            } else {
                Some(None)
            }
        };
        let title = field(0)?;
        let outlet = field(1)?;
        let url = field(2)?;
        let published = field(3)?;
        let story = field(4)?;
        let text = self.string()?;
        Some(Stored {
            ordinal,
            source: Source {
                id,
                title,
                outlet,
                url,
                published,
                story,
                text,
            },
        })
    }
}

/// Read a whole index: every shard the manifest lists, through `fetch` (which gives a shard's
/// bytes), checked, and their sources put back in the order the index was built from.
///
/// Fails ([`ErrorKind::Index`]) when a shard is missing, corrupt or malformed, or when the
/// shards do not hold each place of the corpus exactly once.
pub fn read(
    manifest: &Manifest,
    fetch: &mut dyn FnMut(&ShardRef) -> Result<Vec<u8>>,
) -> Result<Corpus> {
    let n = manifest.sources as usize;
    let mut slots: Vec<Option<Source>> = Vec::new();
    slots.resize_with(n, || None);
    for shard in &manifest.shards {
        let bytes = fetch(shard)?;
        for stored in decode_shard(shard, &bytes)? {
            let place = stored.ordinal as usize;
            match slots.get_mut(place) {
                Some(slot @ None) => *slot = Some(stored.source),
                Some(Some(_)) => {
                    return Err(index_error(format!(
                        "index shard {}: source {} is also in another shard",
                        shard.file, stored.ordinal
                    )))
                }
                None => {
                    return Err(index_error(format!(
                        "index shard {}: source place {} is past the manifest's {n} sources",
                        shard.file, stored.ordinal
                    )))
                }
            }
        }
    }
    let sources: Vec<Source> = slots.into_iter().flatten().collect();
    if sources.len() != n {
        return Err(index_error(format!(
            "the index's shards hold {} of the manifest's {n} sources",
            sources.len()
        )));
    }
    Ok(Corpus { sources })
}
