//! The stored index: a corpus written once as a folder of static files (`corroborate index`),
//! read back by the same core, whole ([`read`]) or lazily, a page at a time ([`Lazy`]).
//!
//! # The folder (format version 2)
//!
//! ```text
//! manifest.json            the one file a reader revalidates: what the index holds
//! s/0123456789abcdef.bin   shards, each named by the XXH64 hash of its payload
//! ```
//!
//! A shard's name never points at other bytes: shards are immutable and can be cached
//! forever; only `manifest.json` changes when the index is rebuilt. There are seven kinds:
//!
//! - **sources**: the sources of a run of consecutive stories (a *pack*). A pack ends after a
//!   story whose id hashes to a multiple of [`PACK_STORIES`], or once it holds
//!   [`SHARD_BYTES`]; so a page's story is read without the rest of the corpus, and a story
//!   that gains a source rewrites its own pack only.
//! - **stats**: for each term, how many sentences hold it (when more than one does: one or
//!   none weigh alike), and, for a story term that two or more sources' profiles hold, its
//!   id and how many do: what the engine weighs terms by. Partitioned by the terms' hash into
//!   shards of about [`STATS_BYTES`]; a reader loads them all once.
//! - **rare**: the story terms that one profile holds (or none): each one's id, and the
//!   source that holds it, with its story and the term's weight in that source's vector when
//!   the vector holds it. Most story terms are rare (names, above all). A page looks up only
//!   those that may be among its heaviest terms (a term not in the stats weighs between what
//!   one held by one profile weighs and what one held by none weighs). Partitioned by the
//!   terms' hash into shards of about [`PARTITION_BYTES`].
//! - **routes**: for each other story term, the sources whose profile vector holds it, with
//!   its weight and the source's story: what finds a page's story. Partitioned by term id into
//!   shards of about [`PARTITION_BYTES`]; a page needs those of its heaviest terms.
//! - **held**: for each other story term, the sources whose profile holds it (for short
//!   pages).
//! - **keys**: each source's id and the hash of its normalised text, for leaving the page
//!   itself out. Partitioned by hash into shards of about [`PARTITION_BYTES`]; a page needs
//!   one or two.
//! - **stories**: each story's id and label, [`STORY_PARTITION`] stories to a shard. (Kept
//!   out of the packs: an automatic label is made from the weighted words of the story's
//!   sources, and so may change when other sources are added, where a pack's bytes should
//!   change only when its stories' sources do.)
//!
//! The manifest is JSON. It lists each shard by its name (the 16 hex digits of its file
//! `s/<name>.bin`): the packs in story order as `[name, first story, stories, sources,
//! bytes]` (a story larger than [`SHARD_BYTES`] spans several packs), and each partitioned
//! kind's shards in partition order as `[name, bytes]`:
//!
//! ```json
//! {"format": "corroborate-index", "version": 2, "sources": 5, "stories": 2, "entries": 61,
//!  "terms": 212,
//!  "packs": [
//!   ["9d1f0c6a5e3b2a17", 0, 2, 5, 7012]],
//!  "parts": {
//!   "stats": [
//!    ["1c0ffee0c0ffee00", 5120]],
//!   "rare": [["…", 2301]], "routes": [["…", 811]], "held": [["…", 950]],
//!   "keys": [["…", 340]], "stories": [["…", 77]]}}
//! ```
//!
//! `entries` is the number of indexed sentences and `terms` the number of story terms.
//!
//! # A shard
//!
//! All integers little-endian; `varint` is LEB128 (at most five bytes for a `u32`); a
//! string is a varint byte length and that many bytes of UTF-8.
//!
//! | offset | size | field |
//! |---:|---:|---|
//! | 0 | 4 | magic `CRBS` |
//! | 4 | 2 | format version (`u16`, 2) |
//! | 6 | 1 | kind: 1 sources, 2 stats, 3 routes, 4 held, 5 keys, 6 stories, 7 rare |
//! | 7 | 1 | reserved, 0 |
//! | 8 | 4 | payload length in bytes (`u32`) |
//! | 12 | 8 | XXH64 of the payload (`u64`): the shard's checksum and its name |
//! | 20 | … | payload |
//!
//! The payloads (each starts with a varint count of what follows):
//!
//! - sources: per story (the pack's first story is the manifest's, and the others follow it)
//!   the count of its members here; per member its place in the corpus (varint), a byte of
//!   flags saying which optional fields follow (bit 0 title, 1 outlet, 2 url, 3 published,
//!   4 story), its id, those fields, its text.
//! - stats: per term a byte of flags (bit 0: its retrieval df follows; bit 1: its profile df
//!   and story term id follow), the term, then those varints.
//! - rare: per term the term, its id and how many profiles hold it (varints, 0 or 1); for
//!   one, its place and story (varints) and a byte, 1 when the term's weight in its vector
//!   (`f32`) follows, else 0.
//! - routes: per term its id and count (varints); per source its place (varint), the
//!   term's weight (`f32`) and the source's story (varint).
//! - held: per term its id and count; per source its place and story (varints).
//! - keys: per key a byte (0 id, 1 text), its XXH64 (`u64`), the source's place and its
//!   text's length in bytes (varints).
//! - stories: per story of the partition, in order, its id and label.
//!
//! A shard that is truncated, corrupt (its checksum differs), of another version, or whose
//! content breaks the format is an [`ErrorKind::Index`] error naming the shard; no input can
//! make a reader panic.
//!
//! ```
//! use corroborate::{store, Corpus, Engine, Source};
//! let corpus = Corpus { sources: vec![
//!     Source::new("a", "The ferry struck the pier on Tuesday evening."),
//!     Source::new("b", "A ferry hit the pier on Tuesday evening, the operator said."),
//! ]};
//! let built = store::build(&corpus)?;
//! let manifest = store::Manifest::from_json(&built.manifest.to_json())?;
//! let fetch = |file: &str| built.shards.iter().find(|(s, _)| s.file == file).unwrap().1.clone();
//! // The whole index, back as the corpus it was built from.
//! let read = store::read(&manifest, &mut |shard| Ok(fetch(&shard.file)))?;
//! assert_eq!(read, corpus);
//! // Or lazily: only the shards a page needs.
//! let mut lazy = store::Lazy::new(manifest);
//! let page = "The ferry struck the pier on Tuesday evening, police said.";
//! loop {
//!     let wanted = lazy.wants(page, None)?;
//!     if wanted.is_empty() { break; }
//!     for file in wanted { lazy.add(&file, &fetch(&file))?; }
//! }
//! let report = lazy.check(page, None)?;
//! let direct = Engine::new(corpus)?.check(page)?;
//! assert_eq!(report.claims[0].verdict, direct.claims[0].verdict);
//! # Ok::<(), corroborate::Error>(())
//! ```

mod lazy;
#[cfg(feature = "tools")]
mod write;

pub use lazy::Lazy;
#[cfg(feature = "tools")]
pub use write::{build, Built};

use crate::error::{Error, ErrorKind, Result};
use crate::text::source::{Corpus, Source};
use serde::Deserialize;

/// The `format` field of a manifest.
pub const FORMAT: &str = "corroborate-index";

/// The format version this build writes and reads.
pub const VERSION: u32 = 2;

/// A pack of sources holds about this many payload bytes at most (a larger story spans
/// several packs; a single larger source has one of its own).
pub const SHARD_BYTES: usize = 256 * 1024;

/// A pack ends after a story whose id hashes to a multiple of this (about this many stories
/// per pack): boundaries that depend on the stories only, not on what came before them.
pub const PACK_STORIES: u64 = 16;

/// Rare, routes, held and keys are partitioned into about this many payload bytes per shard:
/// a page needs a few dozen of them.
pub const PARTITION_BYTES: usize = 16 * 1024;

/// Stats are partitioned into about this many payload bytes per shard: a reader loads them
/// all, once.
pub const STATS_BYTES: usize = 64 * 1024;

/// The name of the manifest in an index folder.
pub const MANIFEST: &str = "manifest.json";

const MAGIC: &[u8; 4] = b"CRBS";
const HEADER: usize = 20;

/// What a shard holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A pack of stories and their sources.
    Sources,
    /// Term statistics.
    Stats,
    /// Story routing: the sources whose profile vector holds a term.
    Routes,
    /// The sources whose profile holds a term.
    Held,
    /// Source ids and text hashes.
    Keys,
    /// Each story's id and label.
    Stories,
    /// The story terms that one profile holds, or none.
    Rare,
}

impl Kind {
    /// The kind a manifest names (`"sources"`, `"stats"`, …).
    pub fn from_name(name: &str) -> Option<Kind> {
        Some(match name {
            "sources" => Kind::Sources,
            "stats" => Kind::Stats,
            "routes" => Kind::Routes,
            "held" => Kind::Held,
            "keys" => Kind::Keys,
            "stories" => Kind::Stories,
            "rare" => Kind::Rare,
            _ => return None,
        })
    }

    fn byte(self) -> u8 {
        match self {
            Kind::Sources => 1,
            Kind::Stats => 2,
            Kind::Routes => 3,
            Kind::Held => 4,
            Kind::Keys => 5,
            Kind::Stories => 6,
            Kind::Rare => 7,
        }
    }

    /// Its name in a manifest.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Sources => "sources",
            Kind::Stats => "stats",
            Kind::Routes => "routes",
            Kind::Held => "held",
            Kind::Keys => "keys",
            Kind::Stories => "stories",
            Kind::Rare => "rare",
        }
    }

    /// The partitioned kinds, in the order a manifest lists them.
    pub const TABLES: [Kind; 6] = [
        Kind::Stats,
        Kind::Rare,
        Kind::Routes,
        Kind::Held,
        Kind::Keys,
        Kind::Stories,
    ];
}

/// What an index folder holds: [`Manifest::from_json`] reads `manifest.json`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// The format version ([`VERSION`]).
    pub version: u32,
    /// How many sources the index holds.
    pub sources: u32,
    /// How many stories they were grouped into when the index was built.
    pub stories: u32,
    /// How many sentences are indexed.
    pub entries: u32,
    /// How many story terms there are.
    pub terms: u32,
    /// The shards: the packs in story order, then the other kinds by partition.
    pub shards: Vec<ShardRef>,
}

/// One shard, as the manifest lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShardRef {
    /// Its path in the index folder: `s/` and the 16 hex digits of its checksum, `.bin`.
    pub file: String,
    /// What it holds.
    pub kind: Kind,
    /// For a pack, its first story; for the other kinds, its partition.
    pub part: u32,
    /// For a pack, how many stories it holds (0 for the other kinds).
    pub stories: u32,
    /// For a pack, how many sources it holds (0 for the other kinds).
    pub sources: u32,
    /// Its size in bytes.
    pub bytes: u64,
}

impl ShardRef {
    /// The checksum its name gives (XXH64 of its payload).
    pub fn checksum(&self) -> Option<u64> {
        checksum_of_name(&self.file)
    }
}

/// The checksum a shard's file name gives, when it is a shard's name.
pub fn checksum_of_name(file: &str) -> Option<u64> {
    let hex = file.strip_prefix("s/")?.strip_suffix(".bin")?;
    if hex.len() != 16 || !hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    u64::from_str_radix(hex, 16).ok()
}

/// The file of a shard named by its 16 hex digits (what a manifest lists).
pub fn shard_file(name: &str) -> String {
    format!("s/{name}.bin")
}

/// The 16 hex digits that name a shard, from its file.
fn shard_name(file: &str) -> &str {
    file.strip_prefix("s/")
        .and_then(|f| f.strip_suffix(".bin"))
        .unwrap_or(file)
}

pub(crate) fn index_error(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Index, message)
}

impl Manifest {
    /// Read a manifest. Fails ([`ErrorKind::Index`]) when it is not a corroborate index, is of
    /// a version this build does not read, names a shard file that is not a shard's name (a
    /// manifest can never make the reader open another file), or does not add up.
    ///
    /// ```
    /// use corroborate::store::Manifest;
    /// let e = Manifest::from_json(r#"{"format":"corroborate-index","version":9}"#).unwrap_err();
    /// assert!(e.to_string().contains("version 9"), "{e}");
    /// let e = Manifest::from_json(r#"{"format":"corroborate-index","version":2,"sources":1,
    ///     "stories":1,"entries":1,"terms":1,"packs":[["../secret",0,1,1,9]],"parts":{}}"#)
    ///     .unwrap_err();
    /// assert!(e.to_string().contains("../secret.bin"), "{e}");
    /// ```
    pub fn from_json(text: &str) -> Result<Manifest> {
        #[derive(Deserialize)]
        struct Head {
            format: Option<String>,
            version: Option<serde_json::Value>,
        }
        /// The manifest as written (see the module's documentation).
        #[derive(Deserialize)]
        struct Wire {
            format: String,
            version: u32,
            sources: u32,
            stories: u32,
            entries: u32,
            terms: u32,
            packs: Vec<(String, u32, u32, u32, u64)>,
            parts: std::collections::BTreeMap<String, Vec<(String, u64)>>,
        }
        let head: Head = serde_json::from_str(text)
            .map_err(|e| index_error(format!("the index manifest is not JSON: {e}")))?;
        check_head(
            head.format.as_deref(),
            head.version.as_ref().and_then(serde_json::Value::as_u64),
        )?;
        let mut wire: Wire = serde_json::from_str(text)
            .map_err(|e| index_error(format!("the index manifest is malformed: {e}")))?;
        let mut shards: Vec<ShardRef> = wire
            .packs
            .into_iter()
            .map(|(name, part, stories, sources, bytes)| ShardRef {
                file: shard_file(&name),
                kind: Kind::Sources,
                part,
                stories,
                sources,
                bytes,
            })
            .collect();
        for kind in Kind::TABLES {
            for (p, (name, bytes)) in wire
                .parts
                .remove(kind.name())
                .unwrap_or_default()
                .into_iter()
                .enumerate()
            {
                shards.push(ShardRef {
                    file: shard_file(&name),
                    kind,
                    part: u32::try_from(p).unwrap_or(u32::MAX),
                    stories: 0,
                    sources: 0,
                    bytes,
                });
            }
        }
        if let Some(name) = wire.parts.keys().next() {
            return Err(index_error(format!(
                "the index manifest's parts name an unknown kind {name:?}"
            )));
        }
        let manifest = Manifest {
            format: wire.format,
            version: wire.version,
            sources: wire.sources,
            stories: wire.stories,
            entries: wire.entries,
            terms: wire.terms,
            shards,
        };
        manifest.validate()?;
        Ok(manifest)
    }

    /// A manifest read by other means than [`Manifest::from_json`] (the browser's own JSON
    /// parser), checked as it checks one.
    pub fn checked(self) -> Result<Manifest> {
        check_head(Some(&self.format), Some(u64::from(self.version)))?;
        self.validate()?;
        Ok(self)
    }

    fn validate(&self) -> Result<()> {
        let mut sources = 0u64;
        let mut next_story = 0u64;
        let mut parts: Vec<(Kind, Vec<u32>)> = Vec::new();
        for shard in &self.shards {
            if shard.checksum().is_none() {
                return Err(index_error(format!(
                    "the index manifest names {:?}, which is not a shard's name",
                    shard.file
                )));
            }
            if shard.kind == Kind::Sources {
                sources += u64::from(shard.sources);
                // Packs follow the stories in order; a story may span consecutive packs.
                let first = u64::from(shard.part);
                if shard.stories == 0 || first + 1 < next_story || first > next_story {
                    return Err(index_error(format!(
                        "the index manifest's pack {} is out of story order",
                        shard.file
                    )));
                }
                next_story = first + u64::from(shard.stories);
            } else {
                match parts.iter_mut().find(|(k, _)| *k == shard.kind) {
                    Some((_, v)) => v.push(shard.part),
                    None => parts.push((shard.kind, vec![shard.part])),
                }
            }
        }
        if sources != u64::from(self.sources) {
            return Err(index_error(format!(
                "the index manifest says {} sources but its shards hold {sources}",
                self.sources
            )));
        }
        if next_story != u64::from(self.stories) {
            return Err(index_error(format!(
                "the index manifest says {} stories but its packs hold {next_story}",
                self.stories
            )));
        }
        for kind in Kind::TABLES {
            let mut got = parts
                .iter()
                .find(|(k, _)| *k == kind)
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            got.sort_unstable();
            if got.is_empty() || got.iter().enumerate().any(|(i, &p)| p as usize != i) {
                return Err(index_error(format!(
                    "the index manifest's {} shards are not partitions 0, 1, 2, …",
                    kind.name()
                )));
            }
        }
        Ok(())
    }

    /// The manifest as JSON (see the module's documentation), one shard per line: packs as
    /// `[name, first story, stories, sources, bytes]`, the partitioned kinds' shards as
    /// `[name, bytes]` in partition order, where a name is the shard's 16 hex digits.
    pub fn to_json(&self) -> String {
        let mut out = format!(
            "{{\"format\": {}, \"version\": {}, \"sources\": {}, \"stories\": {}, \"entries\": {}, \"terms\": {},\n \"packs\": [",
            json_string(&self.format),
            self.version,
            self.sources,
            self.stories,
            self.entries,
            self.terms
        );
        let name = |s: &ShardRef| json_string(shard_name(&s.file));
        let packs = self.shards.iter().filter(|s| s.kind == Kind::Sources);
        for (i, s) in packs.enumerate() {
            out.push_str(if i > 0 { ",\n  " } else { "\n  " });
            out.push_str(&format!(
                "[{}, {}, {}, {}, {}]",
                name(s),
                s.part,
                s.stories,
                s.sources,
                s.bytes
            ));
        }
        out.push_str("],\n \"parts\": {");
        for (k, kind) in Kind::TABLES.into_iter().enumerate() {
            out.push_str(if k > 0 { ",\n  " } else { "\n  " });
            out.push_str(&format!("{}: [", json_string(kind.name())));
            let mut these: Vec<&ShardRef> = self.shards.iter().filter(|s| s.kind == kind).collect();
            these.sort_by_key(|s| s.part);
            for (i, s) in these.into_iter().enumerate() {
                out.push_str(if i > 0 { ",\n   " } else { "\n   " });
                out.push_str(&format!("[{}, {}]", name(s), s.bytes));
            }
            out.push(']');
        }
        out.push_str("}}\n");
        out
    }

    /// The bytes of all its shards.
    pub fn bytes(&self) -> u64 {
        self.shards.iter().map(|s| s.bytes).sum()
    }

    /// How many shards of a kind there are (the partitions of a partitioned kind).
    pub fn count(&self, kind: Kind) -> usize {
        self.shards.iter().filter(|s| s.kind == kind).count()
    }
}

/// A manifest's `format` and `version` (as read, when they were there): an error unless they
/// are this build's.
pub fn check_head(format: Option<&str>, version: Option<u64>) -> Result<()> {
    if format != Some(FORMAT) {
        return Err(index_error(format!(
            "not a corroborate index manifest (its \"format\" is not {FORMAT:?})"
        )));
    }
    match version {
        Some(v) if v == u64::from(VERSION) => Ok(()),
        Some(v) => Err(index_error(format!(
            "the index is format version {v}; this corroborate reads version {VERSION} \
             (rebuild the index with this version's `corroborate index`)"
        ))),
        None => Err(index_error("the index manifest has no version number")),
    }
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// The hash of the format: XXH64 with seed 0 (of the `xxhash-rust` crate). It names and
/// checks shards, and partitions terms and keys.
pub fn hash64(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh64::xxh64(bytes, 0)
}

/// The partition of a hash among `parts`.
pub(crate) fn partition_of(hash: u64, parts: usize) -> u32 {
    (hash % parts.max(1) as u64) as u32
}

/// The hash a term is partitioned by: `ns` 0 for a retrieval term, 1 for a story term.
pub(crate) fn term_hash(ns: u8, term: &str) -> u64 {
    let mut bytes = Vec::with_capacity(term.len() + 1);
    bytes.push(ns);
    bytes.extend_from_slice(term.as_bytes());
    hash64(&bytes)
}

/// The hash of a key: `ns` 0 for a source id, 1 for a normalised text.
pub(crate) fn key_hash(ns: u8, key: &str) -> u64 {
    term_hash(ns | 0x10, key)
}

/// A source read from a pack, with its place in the corpus.
#[derive(Clone, Debug, PartialEq)]
pub struct Stored {
    /// Its place in the corpus the index was built from.
    pub ordinal: u32,
    /// The source.
    pub source: Source,
}

/// A story as a pack holds it: its place among the stories and the members this pack holds.
#[derive(Clone, Debug, PartialEq)]
pub struct PackStory {
    /// Its place among the index's stories.
    pub ordinal: u32,
    /// Its sources in this pack, in corpus order.
    pub members: Vec<Stored>,
}

/// How many stories' ids and labels a shard of kind stories holds (story `k` is in
/// partition `k / STORY_PARTITION`).
pub const STORY_PARTITION: u32 = 256;

/// The payload of a shard, its header, length and checksum checked against what the manifest
/// says of it.
fn payload<'b>(shard: &ShardRef, bytes: &'b [u8]) -> Result<Reader<'b>> {
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
    if bytes[6] != shard.kind.byte() {
        return Err(bad(&format!(
            "holds kind {} where the manifest says {:?}",
            bytes[6], shard.kind
        )));
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
    if hash64(payload) != sum || shard.checksum() != Some(sum) {
        return Err(bad("corrupt (its checksum does not match)"));
    }
    Ok(Reader {
        bytes: payload,
        at: 0,
    })
}

/// Read a pack's stories and sources.
pub fn decode_pack(shard: &ShardRef, bytes: &[u8]) -> Result<Vec<PackStory>> {
    let mut r = payload(shard, bytes)?;
    let bad = |what: &str| index_error(format!("index shard {}: {what}", shard.file));
    let count = r.count(1).ok_or_else(|| bad("malformed count"))?;
    let mut out = Vec::with_capacity(count);
    let mut sources = 0u64;
    for i in 0..count {
        let ordinal = shard.part.checked_add(i as u32);
        let story = ordinal
            .and_then(|k| r.story(k))
            .ok_or_else(|| bad("malformed story record"))?;
        sources += story.members.len() as u64;
        out.push(story);
    }
    r.end()
        .ok_or_else(|| bad("has bytes after its last record"))?;
    if sources != u64::from(shard.sources) || out.len() as u64 != u64::from(shard.stories) {
        return Err(bad(&format!(
            "holds {} stories and {sources} sources where the manifest says {} and {}",
            out.len(),
            shard.stories,
            shard.sources
        )));
    }
    Ok(out)
}

/// Read a pack's sources, with their places in the corpus.
pub fn decode_shard(shard: &ShardRef, bytes: &[u8]) -> Result<Vec<Stored>> {
    Ok(decode_pack(shard, bytes)?
        .into_iter()
        .flat_map(|s| s.members)
        .collect())
}

pub(crate) struct Reader<'b> {
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

    /// A count of records of at least `min` bytes each: larger than the bytes left is
    /// malformed (and is never allocated for).
    fn count(&mut self, min: usize) -> Option<usize> {
        let n = self.varint()? as usize;
        (n <= (self.bytes.len() - self.at) / min.max(1)).then_some(n)
    }

    fn u64(&mut self) -> Option<u64> {
        let end = self.at.checked_add(8)?;
        let b = self.bytes.get(self.at..end)?;
        self.at = end;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Some(u64::from_le_bytes(a))
    }

    fn f32(&mut self) -> Option<f32> {
        let end = self.at.checked_add(4)?;
        let b = self.bytes.get(self.at..end)?;
        self.at = end;
        let v = f32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        v.is_finite().then_some(v)
    }

    fn string(&mut self) -> Option<String> {
        let len = self.varint()? as usize;
        let end = self.at.checked_add(len)?;
        let s = std::str::from_utf8(self.bytes.get(self.at..end)?).ok()?;
        self.at = end;
        Some(s.to_string())
    }

    fn end(&self) -> Option<()> {
        (self.at == self.bytes.len()).then_some(())
    }

    fn story(&mut self, ordinal: u32) -> Option<PackStory> {
        let n = self.count(4)?;
        let mut members = Vec::with_capacity(n);
        for _ in 0..n {
            members.push(self.source()?);
        }
        Some(PackStory { ordinal, members })
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

/// Read a whole index's sources: every pack the manifest lists, through `fetch` (which gives
/// a shard's bytes), checked, and their sources put back in the order the index was built
/// from. (The other kinds are what a lazy reader needs; they are not read here.)
///
/// Fails ([`ErrorKind::Index`]) when a pack is missing, corrupt or malformed, or when the
/// packs do not hold each place of the corpus exactly once.
pub fn read(
    manifest: &Manifest,
    fetch: &mut dyn FnMut(&ShardRef) -> Result<Vec<u8>>,
) -> Result<Corpus> {
    let n = manifest.sources as usize;
    let mut slots: Vec<Option<Source>> = Vec::new();
    slots.resize_with(n, || None);
    for shard in manifest.shards.iter().filter(|s| s.kind == Kind::Sources) {
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
