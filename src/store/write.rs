//! The index's writer (`corroborate index`; the `tools` feature: the browser never builds an
//! index).

use super::{
    key_hash, partition_of, term_hash, Kind, Manifest, ShardRef, FORMAT, HEADER, MAGIC,
    PACK_STORIES, PARTITION_BYTES, SHARD_BYTES, STATS_BYTES, STORY_PARTITION, VERSION,
};
use crate::error::{Error, ErrorKind, Result};
use crate::text::normalize;
use crate::text::source::{Corpus, Source};
use crate::Engine;

/// An index in memory: its manifest and each shard's bytes, in the manifest's order.
#[derive(Clone, Debug)]
pub struct Built {
    /// The manifest.
    pub manifest: Manifest,
    /// Each shard, with its bytes.
    pub shards: Vec<(ShardRef, Vec<u8>)>,
}

/// The largest source record a shard holds (its lengths are `u32`s).
const MAX_RECORD: usize = 1 << 30;

/// Build the index of a corpus: its sources indexed and grouped into stories as the engine
/// does it, the stories in packs, and the tables a lazy reader needs (see the module's
/// documentation). The same corpus always gives the same bytes.
///
/// Fails as [`crate::Engine::new`] does on a corpus it cannot index (no sources, an empty or
/// repeated id, a story label too long), and on a source too large for a shard (1 GiB).
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
    if let Some(s) = corpus.sources.iter().find(|s| record_size(s) > MAX_RECORD) {
        return Err(Error::new(
            ErrorKind::Corpus,
            format!("source {:?} is too large for an index (over 1 GiB)", s.id),
        ));
    }
    let engine = Engine::new(corpus.clone())?;
    let (index, stories) = engine.tables();
    let grouped = stories.stories();
    let tables = stories.tables();
    let place: std::collections::HashMap<&str, usize> = corpus
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();

    let mut shards = Vec::new();
    // Packs: the stories in order, a pack closed after a story whose id hashes to a multiple
    // of PACK_STORIES, or once it is full.
    let mut pack = Pack::default();
    for (k, story) in grouped.iter().enumerate() {
        let mut members: Vec<usize> = story
            .sources
            .iter()
            .filter_map(|id| place.get(id.as_str()).copied())
            .collect();
        members.sort_unstable();
        let mut open = Vec::new();
        for i in members {
            let Some(source) = corpus.sources.get(i) else {
                continue;
            };
            let own = record_size(source);
            if pack.size + own > SHARD_BYTES && (pack.members() + open.len()) > 0 {
                if !open.is_empty() {
                    pack.stories.push((k as u32, open));
                    open = Vec::new();
                }
                shards.push(pack.close());
            }
            open.push((i, source));
            pack.size += own;
        }
        pack.stories.push((k as u32, open));
        if super::hash64(story.id.as_bytes()) % PACK_STORIES == 0 {
            shards.push(pack.close());
        }
    }
    if !pack.stories.is_empty() {
        shards.push(pack.close());
    }

    let story_of = |slot: usize| tables.of_slot.get(slot).copied().unwrap_or(u32::MAX);
    let terms = tables.ids.len();
    // Per story term, the sources whose vector holds it, with its weight there.
    let mut routes: Vec<Vec<(u32, f32)>> = vec![Vec::new(); terms];
    for (slot, v) in tables.vectors.iter().enumerate() {
        for &(t, w) in v {
            if let Some(r) = routes.get_mut(t as usize) {
                r.push((slot as u32, w));
            }
        }
    }
    let held_of = |id: u32| tables.held.get(id as usize).map_or(&[][..], Vec::as_slice);
    let df_of = |id: u32| tables.df.get(id as usize).copied().unwrap_or(0);
    // A rare story term: one profile holds it, or none (its record says which, and whether
    // that profile's vector holds it); the others are in the stats.
    let rare = |id: u32| df_of(id) <= 1 && held_of(id).len() == df_of(id) as usize;

    // Stats: per term, its retrieval df when more than one sentence holds it (one or none
    // weigh alike), and its profile df and id when it is a story term that is not rare.
    // Per term: its retrieval df, and its profile df and id.
    type Entry = (u32, Option<(u32, u32)>);
    let mut entries: std::collections::BTreeMap<&str, Entry> = std::collections::BTreeMap::new();
    for (term, df) in index.term_df().filter(|&(_, df)| df > 1) {
        entries.entry(term).or_insert((0, None)).0 = df;
    }
    let mut rare_records: Vec<(u64, Vec<u8>)> = Vec::new();
    for (term, &id) in tables.ids.iter() {
        if rare(id) {
            let mut b = Vec::new();
            string(&mut b, term);
            varint(&mut b, id);
            let held = held_of(id);
            varint(&mut b, held.len() as u32);
            for &slot in held {
                varint(&mut b, slot);
                varint(&mut b, story_of(slot as usize));
                match routes
                    .get(id as usize)
                    .and_then(|r| r.iter().find(|r| r.0 == slot))
                {
                    Some(&(_, w)) => {
                        b.push(1);
                        b.extend_from_slice(&w.to_le_bytes());
                    }
                    None => b.push(0),
                }
            }
            rare_records.push((term_hash(1, term), b));
        } else {
            entries.entry(&term[..]).or_insert((0, None)).1 = Some((df_of(id), id));
        }
    }
    let mut stats: Vec<(u64, Vec<u8>)> = Vec::with_capacity(entries.len());
    for (term, (df, story)) in entries {
        let mut b = Vec::new();
        b.push(u8::from(df > 0) | (u8::from(story.is_some()) << 1));
        string(&mut b, term);
        if df > 0 {
            varint(&mut b, df);
        }
        if let Some((sdf, id)) = story {
            varint(&mut b, sdf);
            varint(&mut b, id);
        }
        stats.push((term_hash(0, term), b));
    }
    shards.extend(partitioned(Kind::Stats, stats, STATS_BYTES, |h, p| {
        partition_of(h, p)
    }));
    rare_records.sort_unstable();
    shards.extend(partitioned(
        Kind::Rare,
        rare_records,
        PARTITION_BYTES,
        partition_of,
    ));

    // Routes: per story term that is not rare, the sources whose vector holds it.
    let by_id = |t: u64, p: usize| (t % p.max(1) as u64) as u32;
    let route_records = term_records(routes.iter().enumerate().map(|(t, r)| {
        if rare(t as u32) {
            return Vec::new();
        }
        r.iter()
            .map(|&(slot, w)| (slot, Some(w), story_of(slot as usize)))
            .collect()
    }));
    shards.extend(partitioned(
        Kind::Routes,
        route_records,
        PARTITION_BYTES,
        by_id,
    ));
    // Held: per story term that is not rare, the sources whose profile holds it.
    let held_records = term_records(tables.held.iter().enumerate().map(|(t, h)| {
        if rare(t as u32) {
            return Vec::new();
        }
        h.iter()
            .map(|&slot| (slot, None, story_of(slot as usize)))
            .collect()
    }));
    shards.extend(partitioned(
        Kind::Held,
        held_records,
        PARTITION_BYTES,
        by_id,
    ));
    // Keys: each source's id and normalised text.
    let mut keys: Vec<(u64, Vec<u8>)> = Vec::new();
    for (slot, s) in corpus.sources.iter().enumerate() {
        for (ns, key) in [(0u8, s.id.clone()), (1u8, normalize(&s.text))] {
            let h = key_hash(ns, &key);
            let mut b = vec![ns];
            b.extend_from_slice(&h.to_le_bytes());
            varint(&mut b, slot as u32);
            varint(&mut b, u32::try_from(s.text.len()).unwrap_or(u32::MAX));
            keys.push((h, b));
        }
    }
    keys.sort_unstable();
    shards.extend(partitioned(Kind::Keys, keys, PARTITION_BYTES, |h, p| {
        partition_of(h, p)
    }));

    // Stories: their ids and labels, STORY_PARTITION to a shard.
    let parts = grouped.len().div_ceil(STORY_PARTITION as usize).max(1);
    for p in 0..parts {
        let from = p * STORY_PARTITION as usize;
        let these = grouped.get(from..).unwrap_or(&[]);
        let these = &these[..these.len().min(STORY_PARTITION as usize)];
        let mut payload = Vec::new();
        varint(&mut payload, these.len() as u32);
        for story in these {
            string(&mut payload, &story.id);
            string(&mut payload, &story.label);
        }
        shards.push(shard(Kind::Stories, p as u32, 0, 0, payload));
    }

    let manifest = Manifest {
        format: FORMAT.to_string(),
        version: VERSION,
        sources: corpus.sources.len() as u32,
        stories: grouped.len() as u32,
        entries: index.len() as u32,
        terms: terms as u32,
        shards: shards.iter().map(|(r, _)| r.clone()).collect(),
    };
    Ok(Built { manifest, shards })
}

/// A pack being filled: its stories (ordinal, id, label, members) and its size so far.
#[derive(Default)]
struct Pack<'c> {
    stories: Vec<(u32, Vec<(usize, &'c Source)>)>,
    size: usize,
}

impl Pack<'_> {
    fn members(&self) -> usize {
        self.stories.iter().map(|s| s.1.len()).sum()
    }

    /// The pack's shard; the pack is left empty.
    fn close(&mut self) -> (ShardRef, Vec<u8>) {
        let stories = std::mem::take(&mut self.stories);
        self.size = 0;
        let mut payload = Vec::new();
        varint(&mut payload, stories.len() as u32);
        let mut sources = 0u32;
        for (_, members) in &stories {
            varint(&mut payload, members.len() as u32);
            for &(i, s) in members {
                record(&mut payload, i as u32, s);
                sources += 1;
            }
        }
        let first = stories.first().map_or(0, |s| s.0);
        shard(Kind::Sources, first, stories.len() as u32, sources, payload)
    }
}

/// Records (each with the key it is partitioned by) in as many partitions as make shards of
/// about `target` bytes; every partition has a shard, even an empty one.
fn partitioned(
    kind: Kind,
    records: Vec<(u64, Vec<u8>)>,
    target: usize,
    part: impl Fn(u64, usize) -> u32,
) -> Vec<(ShardRef, Vec<u8>)> {
    let total: usize = records.iter().map(|(_, b)| b.len()).sum();
    let parts = total.div_ceil(target).clamp(1, 4096);
    let mut bodies: Vec<(u32, Vec<u8>)> = vec![(0, Vec::new()); parts];
    for (key, bytes) in records {
        if let Some((n, body)) = bodies.get_mut(part(key, parts) as usize) {
            *n += 1;
            body.extend_from_slice(&bytes);
        }
    }
    bodies
        .into_iter()
        .enumerate()
        .map(|(p, (n, body))| {
            let mut payload = Vec::with_capacity(body.len() + 5);
            varint(&mut payload, n);
            payload.extend_from_slice(&body);
            shard(kind, p as u32, 0, 0, payload)
        })
        .collect()
}

/// The records of routes or held: for each term id (in order) that has any, its id, their
/// count, and per source its place, the term's weight there (routes only) and its story.
fn term_records(terms: impl Iterator<Item = Vec<(u32, Option<f32>, u32)>>) -> Vec<(u64, Vec<u8>)> {
    terms
        .enumerate()
        .filter(|(_, list)| !list.is_empty())
        .map(|(t, list)| {
            let mut b = Vec::new();
            varint(&mut b, t as u32);
            varint(&mut b, list.len() as u32);
            for (slot, w, story) in list {
                varint(&mut b, slot);
                if let Some(w) = w {
                    b.extend_from_slice(&w.to_le_bytes());
                }
                varint(&mut b, story);
            }
            (t as u64, b)
        })
        .collect()
}

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

fn record(out: &mut Vec<u8>, place: u32, s: &Source) {
    varint(out, place);
    let fields = [&s.title, &s.outlet, &s.url, &s.published, &s.story];
    let flags = fields
        .iter()
        .enumerate()
        .fold(0u8, |f, (bit, v)| f | (u8::from(v.is_some()) << bit));
    out.push(flags);
    string(out, &s.id);
    for v in fields.into_iter().flatten() {
        string(out, v);
    }
    string(out, &s.text);
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

fn shard(
    kind: Kind,
    part: u32,
    stories: u32,
    sources: u32,
    payload: Vec<u8>,
) -> (ShardRef, Vec<u8>) {
    let sum = super::hash64(&payload);
    let mut bytes = Vec::with_capacity(HEADER + payload.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&(VERSION as u16).to_le_bytes());
    bytes.push(kind.byte());
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
        kind,
        part,
        stories,
        sources,
        bytes: bytes.len() as u64,
    };
    (r, bytes)
}
