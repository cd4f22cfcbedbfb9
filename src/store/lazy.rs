//! Reading a stored index a page at a time: [`Lazy`].

use super::{
    index_error, key_hash, partition_of, payload, term_hash, Kind, Manifest, PackStory, Reader,
    STORY_PARTITION,
};
use crate::engine::Engine;
use crate::error::{Error, ErrorKind, Result};
use crate::retrieval::GlobalDf;
use crate::stories::{self, PageTerms, Routing, Story};
use crate::text::normalize;
use crate::text::source::Source;
use crate::verdict::Report;
use std::collections::HashMap;
use std::sync::Arc;

/// How many stories' engines are kept between pages.
const ENGINES: usize = 8;

/// A stored index read a page at a time: the manifest first, then for each page only the
/// shards it needs, which the caller fetches (from disk, or over HTTP in the browser).
///
/// [`Lazy::wants`] says which shards a page still needs (at most three rounds: the terms'
/// statistics, once; then the routes of the page's terms and its keys; then its story's
/// pack); [`Lazy::add`] takes each one's bytes; [`Lazy::check`] then gives the report that the
/// engine of the whole corpus gives (`tests/index.rs` holds them to it). It compares a page
/// with its story's sources: with no story (no coverage), the report says so.
pub struct Lazy {
    manifest: Manifest,
    // (Sorted vectors and vectors by position rather than more kinds of hash map: each kind
    // of map costs the module its own code, and this reader is in the browser's module.)
    /// The manifest's shard files, sorted, with their positions in it.
    files: Vec<(String, usize)>,
    /// By position in the manifest: loaded or not.
    loaded: Vec<bool>,
    /// Retrieval df by term (terms held by one sentence or none are absent).
    df: Arc<HashMap<String, u32>>,
    /// Story term id by stem.
    story_terms: HashMap<String, u32>,
    /// By term id, sorted: the profile df of the story terms read so far. (Sorted pairs, not
    /// a table of the manifest's `terms` entries: a manifest is input, and its counts must
    /// not decide what the reader allocates before a shard backs them.)
    story_df: Vec<(u32, u32)>,
    /// Sorted: the ids of the rare terms read so far (from shards of kind rare).
    rare: Vec<u32>,
    /// By term id, sorted: the sources whose vector holds it.
    routes: Vec<(u32, Vec<(u32, f32)>)>,
    /// By term id, sorted: the sources whose profile holds it.
    held: Vec<(u32, Vec<u32>)>,
    /// By place, sorted: the story of each source routes and held name.
    story_of: Vec<(u32, u32)>,
    /// By partition: (kind, hash, place, text length).
    keys: Vec<Vec<(u8, u64, u32, u32)>>,
    /// By position in the manifest: a loaded pack.
    packs: Vec<Vec<PackStory>>,
    /// By partition: the stories' ids and labels.
    stories: Vec<Vec<(String, String)>>,
    engines: Vec<(Option<u32>, Engine)>,
    /// Whether shards were added to the tables above since they were last sorted: they are
    /// sorted once before they are read, not after each shard (a page adds dozens at once).
    unsorted: bool,
    /// The last page asked about, and its terms (each round of its shards reads them).
    page: Option<(String, PageTerms)>,
}

impl std::fmt::Debug for Lazy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lazy")
            .field("sources", &self.manifest.sources)
            .field("loaded", &self.loaded.iter().filter(|l| **l).count())
            .finish_non_exhaustive()
    }
}

impl Lazy {
    /// A reader of the index this manifest describes; nothing is loaded yet.
    pub fn new(manifest: Manifest) -> Lazy {
        let mut files: Vec<(String, usize)> = manifest
            .shards
            .iter()
            .enumerate()
            .map(|(i, s)| (s.file.clone(), i))
            .collect();
        crate::sort::sort(&mut files);
        let n = manifest.shards.len();
        Lazy {
            story_df: Vec::new(),
            rare: Vec::new(),
            keys: vec![Vec::new(); manifest.count(Kind::Keys)],
            stories: vec![Vec::new(); manifest.count(Kind::Stories)],
            files,
            loaded: vec![false; n],
            packs: vec![Vec::new(); n],
            manifest,
            df: Arc::new(HashMap::new()),
            story_terms: HashMap::new(),
            routes: Vec::new(),
            held: Vec::new(),
            story_of: Vec::new(),
            engines: Vec::new(),
            unsorted: false,
            page: None,
        }
    }

    /// The manifest.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// How many shards are loaded, and their bytes.
    pub fn loaded(&self) -> (usize, u64) {
        (
            self.loaded_shards().count(),
            self.loaded_shards().map(|s| s.bytes).sum(),
        )
    }

    /// The shards loaded so far.
    pub fn loaded_shards(&self) -> impl Iterator<Item = &super::ShardRef> + '_ {
        self.manifest
            .shards
            .iter()
            .zip(&self.loaded)
            .filter(|(_, l)| **l)
            .map(|(s, _)| s)
    }

    fn missing(&self, kind: Kind, parts: impl IntoIterator<Item = u32>) -> Vec<String> {
        let mut out: Vec<String> = parts
            .into_iter()
            .filter_map(|p| self.position(kind, p))
            .filter(|&i| !self.loaded[i])
            .map(|i| self.manifest.shards[i].file.clone())
            .collect();
        crate::sort::sort(&mut out);
        out.dedup();
        out
    }

    /// The shards (their `file` names) that checking `page` still needs, none when it can be
    /// checked. Call it again after adding them: a page needs at most three rounds.
    pub fn wants(&mut self, page: &str, exclude: Option<&str>) -> Result<Vec<String>> {
        self.sort_tables();
        self.read_page(page);
        Ok(match self.plan(page, exclude) {
            Plan::Fetch(files) => files,
            Plan::Ready { .. } => Vec::new(),
        })
    }

    /// Count the terms of `page`, unless it is the page last counted.
    fn read_page(&mut self, page: &str) {
        if self.page.as_ref().is_none_or(|(text, _)| text != page) {
            self.page = Some((page.to_string(), PageTerms::of(page)));
        }
    }

    /// What checking `page` needs next: shards to fetch, or, with all of them there, its
    /// story and the sources left out of it. (The tables are sorted, [`Lazy::sort_tables`],
    /// and the page's terms counted, [`Lazy::read_page`].)
    fn plan(&self, page: &str, exclude: Option<&str>) -> Plan {
        let counted;
        let terms = match &self.page {
            Some((text, terms)) if text == page => terms,
            _ => {
                counted = PageTerms::of(page);
                &counted
            }
        };
        let stats = self.manifest.count(Kind::Stats) as u32;
        let missing = self.missing(Kind::Stats, 0..stats);
        if !missing.is_empty() {
            return Plan::Fetch(missing);
        }
        // The page's heaviest terms: the rare ones are looked up (their ids decide which of
        // equal weights the vector keeps, and where its sources are); the routes of the
        // others, by id. A short page has no more terms than its vector keeps.
        let contenders = stories::page_contenders(self, terms);
        let short = contenders.len() <= stories::SHORT_PAGE_TERMS;
        let rare_parts = self.manifest.count(Kind::Rare);
        let routes = self.manifest.count(Kind::Routes).max(1) as u32;
        let held = self.manifest.count(Kind::Held).max(1) as u32;
        let mut rare = Vec::new();
        let mut known = Vec::new();
        for stem in contenders {
            match self.story_terms.get(stem) {
                Some(&id) if self.rare.binary_search(&id).is_err() => known.push(id),
                Some(_) => {}
                None => rare.push(partition_of(term_hash(1, stem), rare_parts)),
            }
        }
        let mut missing = self.missing(Kind::Rare, rare);
        missing.extend(self.missing(Kind::Routes, known.iter().map(|t| t % routes)));
        if short {
            missing.extend(self.missing(Kind::Held, known.iter().map(|t| t % held)));
        }
        missing.extend(self.missing(Kind::Keys, self.key_parts(page, exclude)));
        if !missing.is_empty() {
            return Plan::Fetch(missing);
        }
        let v = stories::page_vector(self, terms);
        let skipped = self.skipped(page, exclude);
        let story = if self.manifest.stories == 0 {
            None
        } else {
            stories::route_vector(self, &v, &|slot| !skipped.contains(&(slot as u32)))
        };
        if let Some(k) = story {
            let mut missing: Vec<String> = self
                .manifest
                .shards
                .iter()
                .zip(&self.loaded)
                .filter(|(s, l)| !**l && s.kind == Kind::Sources && covers(s.part, s.stories, k))
                .map(|(s, _)| s.file.clone())
                .collect();
            missing.extend(self.missing(Kind::Stories, [k / STORY_PARTITION]));
            if !missing.is_empty() {
                return Plan::Fetch(missing);
            }
        }
        Plan::Ready { story, skipped }
    }

    fn key_parts(&self, page: &str, exclude: Option<&str>) -> Vec<u32> {
        let parts = self.manifest.count(Kind::Keys);
        let mut out = vec![partition_of(key_hash(1, &normalize(page)), parts)];
        if let Some(id) = exclude {
            out.push(partition_of(key_hash(0, id), parts));
        }
        out
    }

    /// The places of the sources never compared with the page: the one with the id
    /// `exclude`, and those with the page's own text (as the engine compares them).
    fn skipped(&self, page: &str, exclude: Option<&str>) -> Vec<u32> {
        let parts = self.manifest.count(Kind::Keys);
        let text = key_hash(1, &normalize(page));
        let id = exclude.map(|id| key_hash(0, id));
        let mut out = Vec::new();
        for (ns, hash) in [(1u8, Some(text)), (0u8, id)] {
            let Some(hash) = hash else { continue };
            let part = partition_of(hash, parts) as usize;
            for &(kns, khash, place, len) in self.keys.get(part).map_or(&[][..], Vec::as_slice) {
                let near = (len as usize).abs_diff(page.len()) < 64;
                if kns == ns && khash == hash && (ns == 0 || near) && !out.contains(&place) {
                    out.push(place);
                }
            }
        }
        out
    }

    /// The position in the manifest of the shard of a kind and partition.
    fn position(&self, kind: Kind, part: u32) -> Option<usize> {
        self.manifest
            .shards
            .iter()
            .position(|s| s.kind == kind && s.part == part)
    }

    /// Take the bytes of one shard of the index (its checksum and content checked).
    pub fn add(&mut self, file: &str, bytes: &[u8]) -> Result<()> {
        let at = self
            .files
            .binary_search_by(|(f, _)| f.as_str().cmp(file))
            .ok()
            .and_then(|i| self.files.get(i))
            .map(|&(_, at)| at);
        let Some((at, shard)) = at.and_then(|at| Some((at, self.manifest.shards.get(at)?.clone())))
        else {
            return Err(index_error(format!(
                "{file:?} is not a shard of this index"
            )));
        };
        if self.loaded[at] {
            return Ok(());
        }
        let bad = |what: &str| index_error(format!("index shard {file}: {what}"));
        match shard.kind {
            Kind::Sources => {
                self.packs[at] = super::decode_pack(&shard, bytes)?;
            }
            Kind::Stats => {
                let mut r = payload(&shard, bytes)?;
                let n = r.count(3).ok_or_else(|| bad("malformed count"))?;
                let mut df: HashMap<String, u32> = HashMap::new();
                for _ in 0..n {
                    let (term, d, story) =
                        stat(&mut r).ok_or_else(|| bad("malformed term record"))?;
                    if let Some((sdf, id)) = story {
                        if id >= self.manifest.terms {
                            return Err(bad("a story term id past the manifest's"));
                        }
                        self.story_df.push((id, sdf));
                        self.story_terms.insert(term.clone(), id);
                    }
                    if let Some(d) = d {
                        df.insert(term, d);
                    }
                }
                r.end()
                    .ok_or_else(|| bad("has bytes after its last record"))?;
                if !df.is_empty() {
                    // Stats are all loaded before any story's engine is made (`check` needs
                    // them all), so no engine holds the table yet.
                    self.engines.clear();
                    if let Some(all) = Arc::get_mut(&mut self.df) {
                        all.extend(df);
                    }
                }
            }
            Kind::Rare => {
                let mut r = payload(&shard, bytes)?;
                let n = r.count(3).ok_or_else(|| bad("malformed count"))?;
                for _ in 0..n {
                    let (term, id, holder) =
                        rare(&mut r).ok_or_else(|| bad("malformed rare term record"))?;
                    if id >= self.manifest.terms {
                        return Err(bad("a story term id past the manifest's"));
                    }
                    self.story_df.push((id, u32::from(holder.is_some())));
                    self.rare.push(id);
                    if let Some((place, story, w)) = holder {
                        self.held.push((id, vec![place]));
                        if let Some(w) = w {
                            self.routes.push((id, vec![(place, w)]));
                        }
                        self.story_of.push((place, story));
                    }
                    self.story_terms.insert(term, id);
                }
                r.end()
                    .ok_or_else(|| bad("has bytes after its last record"))?;
            }
            Kind::Routes => {
                for (t, list) in self.postings(&shard, bytes, true)? {
                    self.routes
                        .push((t, list.iter().map(|&(s, w, _)| (s, w)).collect()));
                }
            }
            Kind::Held => {
                for (t, list) in self.postings(&shard, bytes, false)? {
                    self.held
                        .push((t, list.iter().map(|&(s, _, _)| s).collect()));
                }
            }
            Kind::Keys => {
                let mut r = payload(&shard, bytes)?;
                let n = r.count(11).ok_or_else(|| bad("malformed count"))?;
                let mut keys = Vec::with_capacity(n);
                for _ in 0..n {
                    let k = (|| Some((r.byte()?, r.u64()?, r.varint()?, r.varint()?)))()
                        .ok_or_else(|| bad("malformed key"))?;
                    keys.push(k);
                }
                r.end()
                    .ok_or_else(|| bad("has bytes after its last record"))?;
                if let Some(slot) = self.keys.get_mut(shard.part as usize) {
                    *slot = keys;
                }
            }
            Kind::Stories => {
                let mut r = payload(&shard, bytes)?;
                let n = r.count(2).ok_or_else(|| bad("malformed count"))?;
                if n > STORY_PARTITION as usize {
                    return Err(bad("holds more stories than a partition"));
                }
                let mut stories = Vec::with_capacity(n);
                for _ in 0..n {
                    let rec = (|| Some((r.string()?, r.string()?)))()
                        .ok_or_else(|| bad("malformed story"))?;
                    stories.push(rec);
                }
                r.end()
                    .ok_or_else(|| bad("has bytes after its last record"))?;
                if let Some(slot) = self.stories.get_mut(shard.part as usize) {
                    *slot = stories;
                }
            }
        }
        if matches!(
            shard.kind,
            Kind::Stats | Kind::Routes | Kind::Held | Kind::Rare
        ) {
            self.unsorted = true;
        }
        self.loaded[at] = true;
        Ok(())
    }

    /// Routes and held by term, and the stories of their sources by place, sorted, when
    /// shards were added since the last time (one place for it: each closure costs the
    /// module its own copy of the sort).
    fn sort_tables(&mut self) {
        if !std::mem::take(&mut self.unsorted) {
            return;
        }
        fn by_first<T, U>(v: &mut [(T, U)])
        where
            T: Ord + Copy,
        {
            crate::sort::sort_by(v, |a, b| a.0.cmp(&b.0));
        }
        by_first(&mut self.routes);
        by_first(&mut self.held);
        by_first(&mut self.story_of);
        self.story_of.dedup_by_key(|s| s.0);
        by_first(&mut self.story_df);
        self.story_df.dedup_by_key(|s| s.0);
        crate::sort::sort(&mut self.rare);
        self.rare.dedup();
    }

    /// The records of a routes or held shard (`weighted`: routes), each source's story noted.
    fn postings(
        &mut self,
        shard: &super::ShardRef,
        bytes: &[u8],
        weighted: bool,
    ) -> Result<Vec<(u32, Postings)>> {
        let bad = |what: &str| index_error(format!("index shard {}: {what}", shard.file));
        let mut r = payload(shard, bytes)?;
        let n = r.count(2).ok_or_else(|| bad("malformed count"))?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            let (t, list) = route(&mut r, weighted).ok_or_else(|| bad("malformed route"))?;
            self.story_of
                .extend(list.iter().map(|&(slot, _, story)| (slot, story)));
            out.push((t, list));
        }
        r.end()
            .ok_or_else(|| bad("has bytes after its last record"))?;
        Ok(out)
    }

    /// Check a page against the sources of its story, with the source `exclude` left out:
    /// the report the engine of the whole corpus gives. Fails ([`ErrorKind::Index`]) when a
    /// shard it needs is not loaded ([`Lazy::wants`]), and as [`Engine::check`] does.
    pub fn check(&mut self, page: &str, exclude: Option<&str>) -> Result<Report> {
        if page.trim().is_empty() {
            return Err(Error::new(
                ErrorKind::EmptyPage,
                "the page has no text to check",
            ));
        }
        self.sort_tables();
        self.read_page(page);
        let (k, skipped) = match self.plan(page, exclude) {
            Plan::Ready { story, skipped } => (story, skipped),
            Plan::Fetch(wanted) => {
                return Err(index_error(format!(
                    "{} index shards this page needs are not loaded ({}, …)",
                    wanted.len(),
                    wanted.first().map_or("", String::as_str)
                )))
            }
        };
        let available = (self.manifest.sources as usize).saturating_sub(skipped.len());
        let story = k.and_then(|k| self.story(k));
        let at = match self.engines.iter().position(|(s, _)| *s == k) {
            Some(at) => at,
            None => {
                let sources: Vec<Source> = k.map(|k| self.members(k)).unwrap_or_default();
                let df = Arc::clone(&self.df);
                let lookup: GlobalDf = Arc::new(move |t: &str| df.get(t).copied().unwrap_or(0));
                let engine = Engine::part(sources, self.manifest.entries, lookup)?;
                if self.engines.len() >= ENGINES {
                    self.engines.remove(0);
                }
                self.engines.push((k, engine));
                self.engines.len() - 1
            }
        };
        let (_, engine) = &self.engines[at];
        engine.check_routed(page, exclude, story, available)
    }

    /// A source of a story read so far (for the evidence's outlet, title and link).
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.engines.iter().rev().find_map(|(_, e)| e.source(id))
    }

    /// The packs' records of story `k`.
    fn story_parts(&self, k: u32) -> impl Iterator<Item = &PackStory> {
        self.manifest
            .shards
            .iter()
            .zip(&self.packs)
            .filter(move |(s, _)| s.kind == Kind::Sources && covers(s.part, s.stories, k))
            .flat_map(|(_, p)| p)
            .filter(move |p| p.ordinal == k)
    }

    fn story(&self, k: u32) -> Option<Story> {
        let (id, label) = self
            .stories
            .get((k / STORY_PARTITION) as usize)?
            .get((k % STORY_PARTITION) as usize)?;
        Some(Story {
            id: id.clone(),
            label: label.clone(),
            sources: self.members(k).into_iter().map(|s| s.id).collect(),
        })
    }

    /// Story `k`'s sources, in corpus order.
    fn members(&self, k: u32) -> Vec<Source> {
        let mut all: Vec<(u32, &Source)> = self
            .story_parts(k)
            .flat_map(|p| p.members.iter().map(|m| (m.ordinal, &m.source)))
            .collect();
        crate::sort::sort_by(&mut all, |a, b| a.0.cmp(&b.0));
        all.into_iter().map(|(_, s)| s.clone()).collect()
    }
}

/// What checking a page needs next ([`Lazy::plan`]).
enum Plan {
    /// These shards.
    Fetch(Vec<String>),
    /// Nothing: the page's story (`None`: no coverage), and the places of the sources never
    /// compared with it.
    Ready {
        story: Option<u32>,
        skipped: Vec<u32>,
    },
}

/// Whether a pack of `stories` stories from `first` holds story `k`.
fn covers(first: u32, stories: u32, k: u32) -> bool {
    k >= first && u64::from(k) < u64::from(first) + u64::from(stories)
}

/// A stats record: the term, its retrieval df and its profile df and story term id (each
/// when the record has it).
type Stat = (String, Option<u32>, Option<(u32, u32)>);

fn stat(r: &mut Reader<'_>) -> Option<Stat> {
    let flags = r.byte()?;
    if flags & !3 != 0 {
        return None;
    }
    let term = r.string()?;
    let df = if flags & 1 != 0 {
        Some(r.varint()?)
    } else {
        None
    };
    let story = if flags & 2 != 0 {
        Some((r.varint()?, r.varint()?))
    } else {
        None
    };
    Some((term, df, story))
}

/// A rare term's record: the term, its id, and the profile that holds it, if one does (its
/// place, its story, and the term's weight in its vector when the vector holds it).
type Holder = (u32, u32, Option<f32>);

fn rare(r: &mut Reader<'_>) -> Option<(String, u32, Option<Holder>)> {
    let term = r.string()?;
    let id = r.varint()?;
    let holder = match r.varint()? {
        0 => None,
        1 => {
            let place = r.varint()?;
            let story = r.varint()?;
            let w = match r.byte()? {
                0 => None,
                1 => Some(r.f32()?),
                _ => return None,
            };
            Some((place, story, w))
        }
        _ => return None,
    };
    Some((term, id, holder))
}

/// A term's sources as routes and held name them: (place, weight, story).
type Postings = Vec<(u32, f32, u32)>;

/// A routes record (with weights) or a held one (without): the term and its sources.
fn route(r: &mut Reader<'_>, weighted: bool) -> Option<(u32, Postings)> {
    let t = r.varint()?;
    let n = r.count(2)?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let slot = r.varint()?;
        let w = if weighted { r.f32()? } else { 0.0 };
        out.push((slot, w, r.varint()?));
    }
    Some((t, out))
}

impl Routing for Lazy {
    fn term(&self, stem: &str) -> Option<u32> {
        self.story_terms.get(stem).copied()
    }
    fn terms(&self) -> u32 {
        self.manifest.terms
    }
    fn df(&self, term: u32) -> u32 {
        match self.story_df.binary_search_by_key(&term, |d| d.0) {
            Ok(i) => self.story_df[i].1,
            Err(_) => 0,
        }
    }
    fn live(&self) -> usize {
        self.manifest.sources as usize
    }
    fn vectors(&self, term: u32) -> &[(u32, f32)] {
        match self.routes.binary_search_by_key(&term, |r| r.0) {
            Ok(i) => &self.routes[i].1,
            Err(_) => &[],
        }
    }
    fn held(&self, term: u32) -> &[u32] {
        match self.held.binary_search_by_key(&term, |r| r.0) {
            Ok(i) => &self.held[i].1,
            Err(_) => &[],
        }
    }
    fn story_of(&self, slot: u32) -> Option<u32> {
        let i = self.story_of.binary_search_by_key(&slot, |s| s.0).ok()?;
        Some(self.story_of[i].1)
    }
}
