//! The index's writer (`corroborate index`; the `tools` feature: the browser never builds an
//! index).

use super::{Manifest, ShardRef, FORMAT, HEADER, KIND_SOURCES, MAGIC, SHARD_BYTES, VERSION};
use crate::error::{Error, ErrorKind, Result};
use crate::stories::Stories;
use crate::text::source::{Corpus, Source};

/// An index in memory: its manifest and each shard's bytes, in the manifest's order.
#[derive(Clone, Debug)]
pub struct Built {
    /// The manifest.
    pub manifest: Manifest,
    /// Each shard, with its bytes.
    pub shards: Vec<(ShardRef, Vec<u8>)>,
}

/// Build the index of a corpus: its sources grouped into stories as the engine groups them,
/// each story's sources in one shard or, past [`SHARD_BYTES`], several. The same corpus always
/// gives the same bytes.
///
/// Fails as [`crate::Engine::new`] does on a corpus it cannot index (no sources, an empty or
/// repeated id, a story label too long), and on a corpus of more than `u32::MAX` sources.
pub fn build(corpus: &Corpus) -> Result<Built> {
    if corpus.sources.is_empty() {
        return Err(Error::new(
            ErrorKind::NoSources,
            "the corpus has no sources",
        ));
    }
    if u32::try_from(corpus.sources.len()).is_err() {
        return Err(Error::new(
            ErrorKind::Corpus,
            "too many sources for one index",
        ));
    }
    corpus.validate()?;
    let mut stories = Stories::default();
    for (slot, source) in corpus.sources.iter().enumerate() {
        if record_size(source) > MAX_RECORD {
            return Err(Error::new(
                ErrorKind::Corpus,
                format!(
                    "source {:?} is too large for an index (over 1 GiB)",
                    source.id
                ),
            ));
        }
        let mut cleaned = source.clone();
        cleaned.story = crate::stories::clean_label(source.story.as_deref(), &source.id)?;
        stories.add(slot, &cleaned);
    }
    // Ids are distinct (`validate`).
    let place: std::collections::HashMap<&str, usize> = corpus
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let grouped = stories.stories();
    let mut shards = Vec::new();
    for story in grouped {
        let mut members: Vec<usize> = story
            .sources
            .iter()
            .filter_map(|id| place.get(id.as_str()).copied())
            .collect();
        members.sort_unstable();
        let mut chunk: Vec<usize> = Vec::new();
        let mut size = 0usize;
        for i in members {
            let Some(source) = corpus.sources.get(i) else {
                continue;
            };
            let own = record_size(source);
            if !chunk.is_empty() && size + own > SHARD_BYTES {
                shards.push(shard(&story.id, &chunk, corpus));
                chunk.clear();
                size = 0;
            }
            chunk.push(i);
            size += own;
        }
        if !chunk.is_empty() {
            shards.push(shard(&story.id, &chunk, corpus));
        }
    }
    let manifest = Manifest {
        format: FORMAT.to_string(),
        version: VERSION,
        sources: corpus.sources.len() as u32,
        stories: grouped.len() as u32,
        shards: shards.iter().map(|(r, _)| r.clone()).collect(),
    };
    Ok(Built { manifest, shards })
}

/// The largest source record a shard holds (its lengths are `u32`s).
const MAX_RECORD: usize = 1 << 30;

/// About how many payload bytes a source's record takes.
fn record_size(s: &Source) -> usize {
    let opt = |o: &Option<String>| o.as_ref().map_or(0, |x| x.len() + 5);
    16 + s.id.len()
        + s.text.len()
        + opt(&s.title)
        + opt(&s.outlet)
        + opt(&s.url)
        + opt(&s.published)
        + opt(&s.story)
}

fn varint(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn string(out: &mut Vec<u8>, s: &str) {
    // `build` refuses a record over MAX_RECORD, so every length fits.
    varint(out, u32::try_from(s.len()).unwrap_or(u32::MAX));
    out.extend_from_slice(s.as_bytes());
}

/// The shard of the sources at `members` (places in `corpus`, ascending).
fn shard(story: &str, members: &[usize], corpus: &Corpus) -> (ShardRef, Vec<u8>) {
    let mut payload = Vec::new();
    varint(&mut payload, members.len() as u32);
    for &i in members {
        let Some(s) = corpus.sources.get(i) else {
            continue;
        };
        varint(&mut payload, i as u32);
        let fields = [&s.title, &s.outlet, &s.url, &s.published, &s.story];
        let flags = fields
            .iter()
            .enumerate()
            .fold(0u8, |f, (bit, v)| f | (u8::from(v.is_some()) << bit));
        payload.push(flags);
        string(&mut payload, &s.id);
        for v in fields.into_iter().flatten() {
            string(&mut payload, v);
        }
        string(&mut payload, &s.text);
    }
    let sum = xxhash_rust::xxh3::xxh3_64(&payload);
    let mut bytes = Vec::with_capacity(HEADER + payload.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&(VERSION as u16).to_le_bytes());
    bytes.push(KIND_SOURCES);
    bytes.push(0);
    bytes.extend_from_slice(
        &u32::try_from(payload.len())
            .unwrap_or(u32::MAX)
            .to_le_bytes(),
    );
    bytes.extend_from_slice(&sum.to_le_bytes());
    bytes.extend_from_slice(&payload);
    let r = ShardRef {
        file: format!("s/{sum:016x}.bin"),
        story: story.to_string(),
        sources: members.len() as u32,
        bytes: bytes.len() as u64,
    };
    (r, bytes)
}
