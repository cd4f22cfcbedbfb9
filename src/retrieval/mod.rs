//! Inverted index with IDF weighting over the sentences of all sources.
//!
//! Every indexed sentence is an *entry* of a *document* (a source). Terms are interned to
//! `u32` ids; each term keeps a sorted posting list of the entries that contain it, and each
//! entry keeps its sorted term ids (a small forward index used for scoring, removal and
//! [`Index::entry_weight`]).
//!
//! # Scoring
//!
//! The score of an entry for a query is the sum of the IDF of the distinct query terms it
//! contains, with `idf = ln(n / df) + 1` over the live entries (`n`) and the live entries that
//! contain the term (`df`). Weights are held in fixed point (1/4096), so that sums are exact
//! and independent of the order of addition: the pruned search and the exhaustive scan give
//! bit-identical scores and ties always break by entry id.
//!
//! # Pruning
//!
//! A hit must reach a minimum share of the query's total weight ([`Query::min_share`],
//! by default [`Index::DEFAULT_MIN_SHARE`]; unknown query terms count in the total with the highest
//! IDF). That cut-off makes a lossless *max-score* pruning possible: the most common query
//! terms whose weights add up to less than the cut-off cannot make a hit on their own, so
//! they never create candidates; their weights are only added to the candidates that the
//! rarer terms found (through the posting list or the forward index, whichever is shorter).
//! Very common words ("police", "year") therefore cost little, and the result is exactly that
//! of [`Query::exhaustive`] with the same parameters.
//!
//! ```
//! use corroborate::Index;
//! let mut index = Index::new();
//! let a = index.add(0, ["hegseth", "visit", "hanoi"]);
//! let b = index.add(1, ["hegseth", "visit", "paris"]);
//! index.add(1, ["weather", "paris"]);
//! let hits = index.search(&["hegseth", "hanoi"], 1);
//! assert_eq!(hits[0].entry, a);
//! assert_eq!(hits[1].entry, b);
//! index.remove_doc(0);
//! assert!(index.search(&["hanoi"], 1).is_empty());
//! ```

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A retrieval hit: an indexed entry, the document it belongs to, and its score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    /// The entry's id, as returned by [`Index::add`].
    pub entry: u32,
    /// The document (source) the entry belongs to.
    pub doc: u32,
    /// IDF-weighted overlap score: the sum of the IDF of the query terms the entry contains.
    pub score: f32,
}

/// Fixed-point scale of the weights: 1/4096 of an IDF unit.
const SCALE: f32 = 4096.0;

/// Compaction runs when removed entries hold more than this fraction of all postings.
const COMPACT_FRACTION: usize = 4;

/// Parameters of a search.
#[derive(Clone, Copy, Debug, PartialEq)]
struct SearchParams {
    /// At most this many entries per document.
    per_doc: usize,
    /// A hit must score at least this share (0 to 1) of the query's total weight.
    min_share: f32,
    /// At most this many hits overall (the best ones).
    max_hits: usize,
}

impl SearchParams {
    /// `per_doc` entries per document, the default minimum share, no overall cap.
    fn new(per_doc: usize) -> SearchParams {
        SearchParams {
            per_doc,
            min_share: Index::DEFAULT_MIN_SHARE,
            max_hits: usize::MAX,
        }
    }
}

/// A search being set up: made by [`Index::query`], tuned with [`Query::per_doc`],
/// [`Query::min_share`] and [`Query::max_hits`], run with [`Query::run`] (per-thread working
/// memory), [`Query::run_with`] (explicit working memory) or [`Query::exhaustive`] (the
/// unpruned reference scan, same result).
///
/// ```
/// use corroborate::Index;
/// let mut index = Index::new();
/// for (doc, s) in [(0, "a b c"), (0, "a b"), (0, "a"), (1, "a b c")] {
///     index.add(doc, s.split(' '));
/// }
/// let mut scratch = Default::default();
/// let hits = index.query(&["a", "b", "c"]).per_doc(2).run_with(&mut scratch);
/// let ids: Vec<u32> = hits.iter().map(|h| h.entry).collect();
/// assert_eq!(ids, [0, 3, 1]);
/// assert_eq!(hits, index.query(&["a", "b", "c"]).per_doc(2).exhaustive());
/// let best = index.query(&["a", "b", "c"]).per_doc(2).max_hits(1).min_share(0.9).run();
/// assert_eq!(best.len(), 1);
/// ```
#[derive(Clone, Copy, Debug)]
#[must_use = "a query does nothing until it is run"]
pub struct Query<'i, 't> {
    index: &'i Index,
    terms: &'t [&'t str],
    params: SearchParams,
    /// By the caller's document id: true for a document left out.
    skip: &'t [bool],
}

impl<'t> Query<'_, 't> {
    /// At most `n` entries per document (default 1).
    pub fn per_doc(mut self, n: usize) -> Self {
        self.params.per_doc = n;
        self
    }

    /// A hit must score at least this share (0 to 1) of the query's total weight (default
    /// [`Index::DEFAULT_MIN_SHARE`]). Higher values prune more and run faster.
    pub fn min_share(mut self, share: f32) -> Self {
        self.params.min_share = share;
        self
    }

    /// At most `n` hits overall, the best ones (default: no cap).
    pub fn max_hits(mut self, n: usize) -> Self {
        self.params.max_hits = n;
        self
    }

    /// Leave out the documents whose id `d` has `skip[d]` true, before the per-document and
    /// overall caps: the hits are the best of the other documents (default: none left out).
    ///
    /// ```
    /// use corroborate::Index;
    /// let mut index = Index::new();
    /// index.add(0, ["ferry", "pier"]);
    /// index.add(1, ["ferry", "pier"]);
    /// let hits = index.query(&["ferry", "pier"]).max_hits(1).skip_docs(&[true]).run();
    /// assert_eq!(hits[0].doc, 1);
    /// ```
    pub fn skip_docs(mut self, skip: &'t [bool]) -> Self {
        self.skip = skip;
        self
    }

    /// Run the search with per-thread working memory.
    pub fn run(self) -> Vec<Hit> {
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => self
                .index
                .search_params(&mut s, self.terms, &self.params, self.skip),
            Err(_) => self.index.search_params(
                &mut Scratch::default(),
                self.terms,
                &self.params,
                self.skip,
            ),
        })
    }

    /// Run the search with explicit working memory.
    pub fn run_with(self, scratch: &mut Scratch) -> Vec<Hit> {
        self.index
            .search_params(scratch, self.terms, &self.params, self.skip)
    }

    /// Score every live entry, without pruning: the reference result, for tests and
    /// benchmarks.
    pub fn exhaustive(self) -> Vec<Hit> {
        self.index
            .search_exhaustive(self.terms, &self.params, self.skip)
    }
}

/// Reusable working memory of a search: a dense score accumulator over entries and the
/// lists of what was touched, so that a search allocates almost nothing.
///
/// [`Query::run`] keeps one per thread; [`Query::run_with`] takes one explicitly. Its
/// size grows to 4 bytes per indexed entry plus the candidates of the largest query.
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    acc: Vec<u32>,
    touched: Vec<u32>,
    doc_count: Vec<u32>,
    doc_touched: Vec<u32>,
    cands: Vec<(u32, u32)>,
    known: Vec<QTerm>,
}

impl Scratch {
    /// Empty working memory.
    pub fn new() -> Scratch {
        Scratch::default()
    }
}

/// A query term found in the dictionary: its id and fixed-point weight.
#[derive(Clone, Copy, Debug)]
struct QTerm {
    id: u32,
    df: u32,
    w: u32,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// A small, fast, non-cryptographic string hasher for the term dictionary.
#[derive(Clone, Copy, Debug, Default)]
struct TermHasher(u64);

impl Hasher for TermHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        self.0 = h;
    }

    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u32(&mut self, i: u32) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        // Mix the high bits down: the table uses the low bits for buckets and the top 7 bits
        // for its control bytes.
        let h = self.0;
        h ^ (h >> 29) ^ (h >> 47)
    }
}

type Map<K, V> = HashMap<K, V, BuildHasherDefault<TermHasher>>;

/// Inverted index from terms to the entries that contain them.
///
/// Memory per entry is about 4 bytes per distinct term for the posting lists, the same for
/// the forward index, 12 bytes of per-entry data and the entry's share of the term
/// dictionary; see [`Index::memory_bytes`]. The entry's text is not stored here.
#[derive(Clone, Debug, Default)]
pub struct Index {
    /// Term → term id.
    dict: Map<Box<str>, u32>,
    /// Per term: the entries that contain it, ascending (removed entries linger until
    /// compaction).
    postings: Vec<Vec<u32>>,
    /// Per term: the number of live entries that contain it.
    df: Vec<u32>,
    /// Term ids of all entries, each entry's ids sorted and distinct.
    fwd: Vec<u32>,
    /// Per entry: end offset of its term ids in `fwd` (the start is the previous entry's end).
    fwd_end: Vec<u32>,
    /// Per entry: its document's slot.
    entry_doc: Vec<u32>,
    /// Per document slot: the caller's document id.
    doc_ids: Vec<u32>,
    /// Caller's document id → slot.
    doc_slot: Map<u32, u32>,
    /// Bit set of removed entries.
    dead: Vec<u64>,
    /// Number of live entries.
    live: u32,
    /// Postings (and forward ids) held by removed entries, not yet compacted.
    dead_postings: usize,
    /// The statistics of the whole corpus when this index holds only part of it (one story's
    /// sources, read from a stored index): terms are weighed as the whole corpus weighs them.
    global: Option<Global>,
}

/// How many entries of a whole corpus hold a term (see [`Index::set_global`]).
pub(crate) type GlobalDf = std::sync::Arc<dyn Fn(&str) -> u32 + Send + Sync>;

/// The whole corpus's statistics, for an index of part of it.
#[derive(Clone)]
struct Global {
    /// The whole corpus's live entries.
    live: u32,
    /// The whole corpus's df, by this index's term id.
    df: Vec<u32>,
    /// The whole corpus's df of any term.
    lookup: GlobalDf,
}

impl std::fmt::Debug for Global {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Global")
            .field("live", &self.live)
            .finish_non_exhaustive()
    }
}

/// The fixed-point IDF of a term in `df` of `n` live entries.
fn weight(n: u32, df: u32) -> u32 {
    let n = n.max(1) as f32;
    let df = df.clamp(1, u32::MAX) as f32;
    let idf = (n / df).ln().max(0.0) + 1.0;
    (idf * SCALE).round() as u32
}

impl Index {
    /// The default minimum share of the query's total IDF weight that a hit must reach.
    ///
    /// It is chosen below what the engine needs to call a sentence related: a sentence sharing
    /// less than 12% of a claim's weight has a Dice overlap under 0.22 and a coverage under 0.12,
    /// so leaving it out changes no verdict.
    pub const DEFAULT_MIN_SHARE: f32 = 0.12;

    /// An empty index.
    pub fn new() -> Index {
        Index::default()
    }

    /// Weigh terms by the statistics of a whole corpus this index holds part of: `live`
    /// entries in all, and `df(term)` of them holding each term. Set after the last entry is
    /// added (entries added later are weighed by the df they had when it was set).
    pub(crate) fn set_global(&mut self, live: u32, df: GlobalDf) {
        let mut by_id = vec![0u32; self.postings.len()];
        for (term, &id) in &self.dict {
            if let Some(slot) = by_id.get_mut(id as usize) {
                *slot = df(term);
            }
        }
        self.global = Some(Global {
            live,
            df: by_id,
            lookup: df,
        });
    }

    /// Each term with the number of live entries that hold it, for the stored index's writer.
    #[cfg(feature = "tools")]
    pub(crate) fn term_df(&self) -> impl Iterator<Item = (&str, u32)> + '_ {
        self.dict
            .iter()
            .map(|(t, &id)| (&**t, self.df.get(id as usize).copied().unwrap_or(0)))
    }

    /// The number of entries IDF is computed over.
    fn n(&self) -> u32 {
        self.global.as_ref().map_or(self.live, |g| g.live)
    }

    /// The df of a term id, over the whole corpus when there is one.
    fn df_of(&self, id: u32) -> u32 {
        match &self.global {
            Some(g) => g.df.get(id as usize).copied().unwrap_or(0),
            None => self.df.get(id as usize).copied().unwrap_or(0),
        }
    }

    /// The df of a term this index does not hold: 0, or the whole corpus's.
    fn df_elsewhere(&self, term: &str) -> u32 {
        self.global.as_ref().map_or(0, |g| (g.lookup)(term))
    }

    /// Add an entry (a sentence) of document `doc` with its terms; returns the entry's id.
    ///
    /// Ids are dense, `0, 1, 2, ...` in the order of addition, and stay valid (removed
    /// entries keep their ids). Repeated terms count once.
    pub fn add<'a>(&mut self, doc: u32, terms: impl IntoIterator<Item = &'a str>) -> u32 {
        let id = self.fwd_end.len() as u32;
        let start = self.fwd.len();
        for t in terms {
            let tid = match self.dict.get(t) {
                Some(&tid) => tid,
                None => {
                    let tid = self.postings.len() as u32;
                    self.dict.insert(t.into(), tid);
                    self.postings.push(Vec::new());
                    self.df.push(0);
                    tid
                }
            };
            self.fwd.push(tid);
        }
        let mut own = self.fwd.split_off(start);
        crate::sort::sort(&mut own);
        own.dedup();
        for &tid in &own {
            if let Some(p) = self.postings.get_mut(tid as usize) {
                p.push(id);
            }
            if let Some(d) = self.df.get_mut(tid as usize) {
                *d += 1;
            }
        }
        self.fwd.extend_from_slice(&own);
        self.fwd_end.push(self.fwd.len() as u32);
        let slots = self.doc_ids.len() as u32;
        let slot = *self.doc_slot.entry(doc).or_insert(slots);
        if slot == slots {
            self.doc_ids.push(doc);
        }
        self.entry_doc.push(slot);
        if self.dead.len() * 64 <= id as usize {
            self.dead.push(0);
        }
        self.live += 1;
        id
    }

    /// Remove every entry of document `doc` added so far: they never appear in results again
    /// and no longer count in IDF. Entries added to `doc` later are live. Posting lists are
    /// compacted once removed entries hold a quarter of them.
    pub fn remove_doc(&mut self, doc: u32) {
        let Some(&slot) = self.doc_slot.get(&doc) else {
            return;
        };
        for e in 0..self.entry_doc.len() {
            if self.entry_doc.get(e) != Some(&slot) || self.is_dead(e as u32) {
                continue;
            }
            if let Some(word) = self.dead.get_mut(e / 64) {
                *word |= 1 << (e % 64);
            }
            let range = self.fwd_range(e as u32);
            for &tid in self.fwd.get(range.clone()).unwrap_or(&[]) {
                if let Some(d) = self.df.get_mut(tid as usize) {
                    *d = d.saturating_sub(1);
                }
            }
            self.dead_postings += range.len();
            self.live = self.live.saturating_sub(1);
        }
        if self.dead_postings * COMPACT_FRACTION > self.fwd.len() {
            self.compact();
        }
    }

    /// Drop the postings and forward ids of removed entries. Entry ids do not change.
    fn compact(&mut self) {
        let dead = std::mem::take(&mut self.dead);
        let is_dead = |e: u32| {
            dead.get(e as usize / 64)
                .is_some_and(|w| w & (1 << (e % 64)) != 0)
        };
        for p in &mut self.postings {
            p.retain(|&e| !is_dead(e));
            p.shrink_to_fit();
        }
        let mut fwd = Vec::with_capacity(self.fwd.len() - self.dead_postings.min(self.fwd.len()));
        let mut start = 0usize;
        for (e, end) in self.fwd_end.iter_mut().enumerate() {
            let stop = *end as usize;
            if !is_dead(e as u32) {
                fwd.extend_from_slice(self.fwd.get(start..stop).unwrap_or(&[]));
            }
            start = stop;
            *end = fwd.len() as u32;
        }
        self.fwd = fwd;
        self.dead = dead;
        self.dead_postings = 0;
    }

    fn is_dead(&self, e: u32) -> bool {
        self.dead
            .get(e as usize / 64)
            .is_some_and(|w| w & (1 << (e % 64)) != 0)
    }

    fn fwd_range(&self, e: u32) -> std::ops::Range<usize> {
        let e = e as usize;
        let end = self.fwd_end.get(e).map_or(0, |&x| x as usize);
        let start = if e == 0 {
            0
        } else {
            self.fwd_end.get(e - 1).map_or(end, |&x| x as usize)
        };
        start..end
    }

    /// Number of live (not removed) entries.
    pub fn len(&self) -> usize {
        self.live as usize
    }

    /// True when no live entry is indexed.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// The id the next [`Index::add`] will return: the number of entries ever added.
    pub fn next_id(&self) -> u32 {
        self.fwd_end.len() as u32
    }

    /// The document of an entry (removed or not), or `None` for an id never returned.
    pub fn doc(&self, entry: u32) -> Option<u32> {
        let slot = *self.entry_doc.get(entry as usize)?;
        self.doc_ids.get(slot as usize).copied()
    }

    /// The sum of the IDF of an entry's distinct terms, with the current IDF; 0 for a removed
    /// or unknown entry. With [`Hit::score`] it gives overlap ratios without re-tokenising the
    /// entry's text.
    pub fn entry_weight(&self, entry: u32) -> f32 {
        if self.is_dead(entry) {
            return 0.0;
        }
        let ids = self.fwd.get(self.fwd_range(entry)).unwrap_or(&[]);
        let n = self.n();
        let sum: u64 = ids
            .iter()
            .map(|&t| u64::from(weight(n, self.df_of(t))))
            .sum();
        sum as f32 / SCALE
    }

    /// True when one of the entries in `entries` (a document's contiguous range of ids)
    /// holds `term`: a binary search in the term's ascending posting list.
    pub fn has_term_in(&self, term: &str, entries: std::ops::Range<u32>) -> bool {
        let Some(&tid) = self.dict.get(term) else {
            return false;
        };
        let Some(p) = self.postings.get(tid as usize) else {
            return false;
        };
        let i = p.partition_point(|&e| e < entries.start);
        p.get(i)
            .is_some_and(|&e| e < entries.end && !self.is_dead(e))
    }

    /// Approximate heap bytes held by the index: postings, term dictionary (with the terms'
    /// text) and per-entry data, counting allocated capacity. Search scratch is per thread and
    /// not included (4 bytes per entry, see [`Scratch`]).
    pub fn memory_bytes(&self) -> usize {
        use std::mem::size_of;
        // A hash table has about 8/7 buckets per element of capacity, each with a control byte.
        let table = |cap: usize, entry: usize| cap * 8 / 7 * (entry + 1);
        let dict = table(self.dict.capacity(), size_of::<(Box<str>, u32)>())
            + self.dict.keys().map(|k| k.len()).sum::<usize>();
        let postings = self.postings.capacity() * size_of::<Vec<u32>>()
            + self
                .postings
                .iter()
                .map(|p| p.capacity() * 4)
                .sum::<usize>();
        let per_term = self.df.capacity() * 4;
        let per_entry = (self.fwd.capacity() + self.fwd_end.capacity() + self.entry_doc.capacity())
            * 4
            + self.dead.capacity() * 8;
        let docs = self.doc_ids.capacity() * 4 + table(self.doc_slot.capacity(), 8);
        dict + postings + per_term + per_entry + docs
    }

    /// Release spare capacity (after bulk loading) so that [`Index::memory_bytes`] is tight.
    pub fn shrink_to_fit(&mut self) {
        for p in &mut self.postings {
            p.shrink_to_fit();
        }
        self.postings.shrink_to_fit();
        self.df.shrink_to_fit();
        self.fwd.shrink_to_fit();
        self.fwd_end.shrink_to_fit();
        self.entry_doc.shrink_to_fit();
        self.dead.shrink_to_fit();
        self.doc_ids.shrink_to_fit();
        self.dict.shrink_to_fit();
        self.doc_slot.shrink_to_fit();
    }

    /// The inverse document frequency of a term (over live entries); unknown terms get the
    /// highest.
    pub fn idf(&self, term: &str) -> f32 {
        let df = match self.dict.get(term) {
            Some(&t) => self.df_of(t),
            None => self.df_elsewhere(term),
        };
        weight(self.n(), df) as f32 / SCALE
    }

    /// The best `per_doc` entries of each document for a query, best first (ties by entry id),
    /// with the default minimum share ([`Index::DEFAULT_MIN_SHARE`]). Uses per-thread working memory.
    pub fn search(&self, terms: &[&str], per_doc: usize) -> Vec<Hit> {
        self.query(terms).per_doc(per_doc).run()
    }

    /// A search with more parameters; see [`Query`].
    pub fn query<'i, 't>(&'i self, terms: &'t [&'t str]) -> Query<'i, 't> {
        Query {
            index: self,
            terms,
            params: SearchParams::new(1),
            skip: &[],
        }
    }

    /// The query's known terms (deduplicated, most common first) and its total weight.
    fn resolve(&self, terms: &[&str], known: &mut Vec<QTerm>) -> u64 {
        known.clear();
        let n = self.n();
        let mut unknown: Vec<&str> = Vec::new();
        for &t in terms {
            match self.dict.get(t) {
                Some(&id) => {
                    let df = self.df_of(id);
                    known.push(QTerm {
                        id,
                        df,
                        w: weight(n, df),
                    });
                }
                None => unknown.push(t),
            }
        }
        // Terms with the same id are identical: any sort keeps the same one.
        crate::sort::sort_unstable_by(known, |a, b| a.id.cmp(&b.id));
        known.dedup_by_key(|q| q.id);
        crate::sort::sort(&mut unknown);
        unknown.dedup();
        // Unknown terms weigh as the rarest (or, for an index of part of a corpus, as the
        // whole corpus weighs them), and find nothing.
        let unknown_w: u64 = unknown
            .iter()
            .map(|t| u64::from(weight(n, self.df_elsewhere(t))))
            .sum();
        let total = unknown_w + known.iter().map(|q| u64::from(q.w)).sum::<u64>();
        // Terms only removed entries had: they weigh, but find nothing.
        known.retain(|q| self.df.get(q.id as usize).is_some_and(|&d| d > 0));
        crate::sort::sort_unstable_by(known, |a, b| b.df.cmp(&a.df).then(a.id.cmp(&b.id)));
        total
    }

    /// The minimum fixed-point score of a hit.
    fn threshold(total: u64, min_share: f32) -> u64 {
        let share = if min_share.is_nan() {
            0.0
        } else {
            min_share.clamp(0.0, 1.0)
        };
        ((total as f64) * f64::from(share)).floor() as u64
    }

    /// The pruned search.
    fn search_params(
        &self,
        scratch: &mut Scratch,
        terms: &[&str],
        params: &SearchParams,
        skip: &[bool],
    ) -> Vec<Hit> {
        if params.per_doc == 0 || params.max_hits == 0 || self.live == 0 {
            return Vec::new();
        }
        let mut known = std::mem::take(&mut scratch.known);
        let total = self.resolve(terms, &mut known);
        let threshold = Self::threshold(total, params.min_share).max(1);

        // The most common terms whose weights add up to less than the threshold cannot make a
        // hit on their own: they only complete the scores of candidates found by the others.
        let mut cum = 0u64;
        let mut split = 0;
        while let Some(q) = known.get(split) {
            if cum + u64::from(q.w) >= threshold {
                break;
            }
            cum += u64::from(q.w);
            split += 1;
        }
        let (common, rare) = known.split_at(split);

        if scratch.acc.len() < self.fwd_end.len() {
            scratch.acc.resize(self.fwd_end.len(), 0);
        }
        let acc = &mut scratch.acc;
        let touched = &mut scratch.touched;
        touched.clear();
        for q in rare {
            for &e in self
                .postings
                .get(q.id as usize)
                .map_or(&[][..], Vec::as_slice)
            {
                if let Some(a) = acc.get_mut(e as usize) {
                    if *a == 0 {
                        touched.push(e);
                    }
                    *a = a.saturating_add(q.w);
                }
            }
        }

        if !common.is_empty() && !touched.is_empty() {
            let scan: usize = common
                .iter()
                .map(|q| self.postings.get(q.id as usize).map_or(0, Vec::len))
                .sum();
            let fwd_cost = touched.len() * (self.fwd.len() / self.fwd_end.len().max(1) + 1);
            if scan <= fwd_cost {
                for q in common {
                    for &e in self
                        .postings
                        .get(q.id as usize)
                        .map_or(&[][..], Vec::as_slice)
                    {
                        if let Some(a) = acc.get_mut(e as usize) {
                            if *a != 0 {
                                *a = a.saturating_add(q.w);
                            }
                        }
                    }
                }
            } else {
                for &e in touched.iter() {
                    let Some(a) = acc.get_mut(e as usize) else {
                        continue;
                    };
                    if u64::from(*a) + cum < threshold {
                        continue;
                    }
                    for &t in self.fwd.get(self.fwd_range(e)).unwrap_or(&[]) {
                        if let Some(q) = common.iter().find(|q| q.id == t) {
                            *a = a.saturating_add(q.w);
                        }
                    }
                }
            }
        }

        let cands = &mut scratch.cands;
        cands.clear();
        for &e in touched.iter() {
            if let Some(a) = acc.get_mut(e as usize) {
                if u64::from(*a) >= threshold && !self.is_dead(e) {
                    cands.push((*a, e));
                }
                *a = 0;
            }
        }
        scratch.known = known;
        self.select(scratch, params, skip)
    }

    /// The exhaustive reference: scores every live entry against the query through the
    /// forward index, with no pruning.
    fn search_exhaustive(&self, terms: &[&str], params: &SearchParams, skip: &[bool]) -> Vec<Hit> {
        let mut scratch = Scratch::default();
        if params.per_doc == 0 || params.max_hits == 0 || self.live == 0 {
            return Vec::new();
        }
        let total = self.resolve(terms, &mut scratch.known);
        let threshold = Self::threshold(total, params.min_share).max(1);
        let mut query: Vec<(u32, u32)> = scratch.known.iter().map(|q| (q.id, q.w)).collect();
        crate::sort::sort(&mut query);
        for e in 0..self.fwd_end.len() as u32 {
            if self.is_dead(e) {
                continue;
            }
            let mut score = 0u32;
            for t in self.fwd.get(self.fwd_range(e)).unwrap_or(&[]) {
                if let Ok(i) = query.binary_search_by_key(t, |q| q.0) {
                    score = score.saturating_add(query.get(i).map_or(0, |q| q.1));
                }
            }
            if u64::from(score) >= threshold {
                scratch.cands.push((score, e));
            }
        }
        self.select(&mut scratch, params, skip)
    }

    /// Sort the candidates best first and keep the best `per_doc` of each document.
    fn select(&self, scratch: &mut Scratch, params: &SearchParams, skip: &[bool]) -> Vec<Hit> {
        let cands = &mut scratch.cands;
        if scratch.doc_count.len() < self.doc_ids.len() {
            scratch.doc_count.resize(self.doc_ids.len(), 0);
        }
        let best_first = |a: &(u32, u32), b: &(u32, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        let mut out = Vec::new();
        // Best first, a block at a time: a common query has tens of thousands of candidates
        // and needs only the first few hundred, so each block is selected (linear) and only
        // it is sorted. The order is total (entries are distinct): the hits are those of one
        // full sort.
        let mut from = 0;
        'blocks: while from < cands.len() {
            let rest = &mut cands[from..];
            // (In WebAssembly one sort of all: the selection's code costs more bytes than the
            // time it saves there.)
            let block = if cfg!(target_arch = "wasm32") {
                rest.len()
            } else {
                params.max_hits.saturating_mul(4).max(64).min(rest.len())
            };
            if block < rest.len() {
                rest.select_nth_unstable_by(block - 1, best_first);
            }
            let head = &mut rest[..block];
            crate::sort::sort_unstable_by(head, best_first);
            for &(score, entry) in head.iter() {
                let Some(&slot) = self.entry_doc.get(entry as usize) else {
                    continue;
                };
                let doc = self.doc_ids.get(slot as usize).copied().unwrap_or(u32::MAX);
                if skip.get(doc as usize).copied().unwrap_or(false) {
                    continue;
                }
                let Some(count) = scratch.doc_count.get_mut(slot as usize) else {
                    continue;
                };
                if *count as usize >= params.per_doc {
                    continue;
                }
                if *count == 0 {
                    scratch.doc_touched.push(slot);
                }
                *count += 1;
                out.push(Hit {
                    entry,
                    doc,
                    score: score as f32 / SCALE,
                });
                if out.len() >= params.max_hits {
                    break 'blocks;
                }
            }
            from += block;
        }
        for &slot in &scratch.doc_touched {
            if let Some(c) = scratch.doc_count.get_mut(slot as usize) {
                *c = 0;
            }
        }
        scratch.doc_touched.clear();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic pseudo-random corpus over a Zipf-like vocabulary.
    fn random_index(seed: u64, entries: usize, docs: u32, vocab: u32) -> (Index, Vec<String>) {
        let mut s = seed;
        let mut next = move || {
            s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = s;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        let names: Vec<String> = (0..vocab).map(|i| format!("t{i}")).collect();
        let mut index = Index::new();
        for _ in 0..entries {
            let doc = (next() % u64::from(docs)) as u32;
            let len = 3 + next() % 12;
            let terms: Vec<&str> = (0..len)
                .map(|_| {
                    // Square of a uniform: low ids are much more frequent.
                    let u = (next() % 10_000) as f64 / 10_000.0;
                    let i = ((u * u) * f64::from(vocab)) as usize;
                    names.get(i).map_or("t0", String::as_str)
                })
                .collect();
            index.add(doc, terms);
        }
        (index, names)
    }

    /// An index of one document of a corpus, given the corpus's statistics, weighs and scores
    /// exactly as the index of the whole corpus does.
    #[test]
    fn an_index_of_part_weighs_as_the_whole() {
        let (whole, names) = random_index(5, 600, 20, 80);
        let mut df: HashMap<String, u32> = HashMap::new();
        let mut part = Index::new();
        let mut kept = Vec::new();
        for e in 0..whole.next_id() {
            let terms: Vec<&str> = whole
                .fwd
                .get(whole.fwd_range(e))
                .unwrap_or(&[])
                .iter()
                .filter_map(|&t| {
                    whole
                        .dict
                        .iter()
                        .find(|(_, &id)| id == t)
                        .map(|(k, _)| &**k)
                })
                .collect();
            for t in &terms {
                *df.entry((*t).to_string()).or_insert(0) += 1;
            }
            if whole.doc(e) == Some(7) {
                kept.push((e, part.add(7, terms.iter().copied())));
            }
        }
        let live = whole.len() as u32;
        part.set_global(
            live,
            std::sync::Arc::new(move |t: &str| df.get(t).copied().unwrap_or(0)),
        );
        for t in names.iter().map(String::as_str).chain(["never-seen"]) {
            assert_eq!(part.idf(t), whole.idf(t), "{t}");
        }
        for &(w, p) in &kept {
            assert_eq!(part.entry_weight(p), whole.entry_weight(w));
        }
        let query: Vec<&str> = names
            .iter()
            .take(12)
            .map(String::as_str)
            .chain(["never-seen"])
            .collect();
        let mut skip = vec![true; 20];
        skip[7] = false;
        let a = whole
            .query(&query)
            .per_doc(3)
            .min_share(0.05)
            .skip_docs(&skip)
            .run();
        let b = part.query(&query).per_doc(3).min_share(0.05).run();
        assert!(!a.is_empty());
        let scores = |h: &[Hit]| h.iter().map(|h| h.score).collect::<Vec<_>>();
        assert_eq!(scores(&a), scores(&b));
    }

    #[test]
    fn idf_decreases_with_df() {
        let mut index = Index::new();
        // "a" in 8 entries, "b" in 4, "c" in 2, "d" in 1.
        for i in 0..8 {
            let mut t = vec!["a"];
            if i < 4 {
                t.push("b");
            }
            if i < 2 {
                t.push("c");
            }
            if i < 1 {
                t.push("d");
            }
            index.add(0, t);
        }
        let cases = [
            ("a", 1.0),
            ("b", 1.0 + 2f32.ln()),
            ("c", 1.0 + 4f32.ln()),
            ("d", 1.0 + 8f32.ln()),
            ("zzz", 1.0 + 8f32.ln()),
        ];
        for (term, want) in cases {
            assert!(
                (index.idf(term) - want).abs() < 1e-3,
                "{term:?}: {} vs {want}",
                index.idf(term)
            );
        }
        let idfs: Vec<f32> = ["a", "b", "c", "d"].iter().map(|t| index.idf(t)).collect();
        assert!(idfs.windows(2).all(|w| w[0] < w[1]), "{idfs:?}");
    }

    #[test]
    fn search_table() {
        let mut index = Index::new();
        let entries = [
            (0, "pete hegseth visit hanoi sunday"),
            (0, "hegseth meet giang"),
            (0, "weather hanoi sunny"),
            (1, "hegseth visit vietnam"),
            (1, "giang receiv relic"),
            (2, "football match result"),
        ];
        for (doc, s) in entries {
            index.add(doc, s.split(' '));
        }
        let cases: [(&str, usize, &[u32]); 7] = [
            ("hegseth visit hanoi", 1, &[0, 3]),
            ("hegseth visit hanoi", 2, &[0, 3, 2]),
            ("hegseth visit hanoi", 3, &[0, 3, 2, 1]),
            ("giang relic", 1, &[4, 1]),
            ("football", 3, &[5]),
            ("nothing here", 3, &[]),
            ("hegseth", 0, &[]),
        ];
        for (query, per_doc, want) in cases {
            let q: Vec<&str> = query.split(' ').collect();
            let got: Vec<u32> = index.search(&q, per_doc).iter().map(|h| h.entry).collect();
            assert_eq!(got, want, "{query:?} per_doc {per_doc}");
        }
    }

    #[test]
    fn scores_are_idf_sums_and_sorted() {
        let mut index = Index::new();
        index.add(0, ["a", "b"]);
        index.add(0, ["a"]);
        index.add(1, ["b", "c"]);
        index.add(1, ["a", "a", "a"]);
        let hits = index.search(&["a", "b", "b"], 5);
        for h in &hits {
            let want: f32 = match h.entry {
                0 => index.idf("a") + index.idf("b"),
                1 | 3 => index.idf("a"),
                2 => index.idf("b"),
                _ => unreachable!(),
            };
            assert!((h.score - want).abs() < 1e-3, "{h:?}");
        }
        assert!(
            hits.windows(2).all(|w| w[0].score > w[1].score
                || (w[0].score == w[1].score && w[0].entry < w[1].entry)),
            "{hits:?}"
        );
    }

    #[test]
    fn per_doc_is_respected() {
        let (index, names) = random_index(7, 3000, 20, 400);
        for per_doc in [1, 2, 5] {
            for q in 0..30 {
                let query: Vec<&str> = (0..6)
                    .map(|k| names[(q * 13 + k * 37) % names.len()].as_str())
                    .collect();
                let hits = index.search(&query, per_doc);
                let mut counts = HashMap::new();
                for h in &hits {
                    *counts.entry(h.doc).or_insert(0usize) += 1;
                }
                assert!(
                    counts.values().all(|&c| c <= per_doc),
                    "per_doc {per_doc}: {counts:?}"
                );
            }
        }
    }

    #[test]
    fn removed_docs_vanish() {
        let (mut index, names) = random_index(11, 4000, 10, 300);
        let n = index.len();
        let before = index.idf("t0");
        let mut removed = Vec::new();
        for doc in [3, 7, 3, 99] {
            index.remove_doc(doc);
            removed.push(doc);
            for q in 0..20 {
                let query: Vec<&str> = (0..5)
                    .map(|k| names[(q * 7 + k * 11) % names.len()].as_str())
                    .collect();
                let hits = index.search(&query, 3);
                assert!(hits.iter().all(|h| !removed.contains(&h.doc)), "doc {doc}");
                assert_eq!(
                    hits,
                    index.search_exhaustive(&query, &SearchParams::new(3), &[]),
                    "doc {doc}"
                );
            }
        }
        assert!(index.len() < n && !index.is_empty());
        assert_ne!(index.idf("t0"), before);
        // Compaction happened (two of ten docs removed is over a quarter? not necessarily):
        // removing more forces it, and ids stay valid.
        for doc in [0, 1, 2] {
            index.remove_doc(doc);
        }
        assert_eq!(index.dead_postings, 0, "compacted");
        let e = index.add(3, ["fresh1", "fresh2"]);
        assert_eq!(e, index.next_id() - 1);
        assert_eq!(index.doc(e), Some(3));
        assert_eq!(
            index.search(&["fresh1", "t2"], 1).first().map(|h| h.entry),
            Some(e)
        );
        for doc in 0..10 {
            index.remove_doc(doc);
        }
        assert!(index.is_empty());
        assert!(index.search(&["t1"], 3).is_empty());
    }

    #[test]
    fn pruned_search_matches_exhaustive() {
        for seed in 0..4 {
            let (index, names) = random_index(seed, 3000, 40, 1500);
            let mut scratch = Scratch::new();
            for q in 0..60usize {
                let len = 1 + (q * 7 + seed as usize) % 14;
                let query: Vec<&str> = (0..len)
                    .map(|k| names[(q * 131 + k * k * 17 + k) % names.len()].as_str())
                    .collect();
                for params in [
                    SearchParams::new(3),
                    SearchParams {
                        min_share: 0.0,
                        ..SearchParams::new(1)
                    },
                    SearchParams {
                        min_share: 0.4,
                        max_hits: 7,
                        ..SearchParams::new(2)
                    },
                ] {
                    let fast = index.search_params(&mut scratch, &query, &params, &[]);
                    let slow = index.search_exhaustive(&query, &params, &[]);
                    assert_eq!(fast, slow, "seed {seed} query {query:?} {params:?}");
                }
            }
        }
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let mut index = Index::new();
        assert!(index.search(&["a"], 3).is_empty());
        index.remove_doc(5);
        let e = index.add(u32::MAX, std::iter::empty());
        assert_eq!(index.entry_weight(e), 0.0);
        index.add(u32::MAX, ["", "a"]);
        let nan = SearchParams {
            min_share: f32::NAN,
            ..SearchParams::new(usize::MAX)
        };
        assert_eq!(
            index
                .search_params(&mut Scratch::new(), &["a", "", "a"], &nan, &[])
                .len(),
            1
        );
        assert_eq!(index.entry_weight(99), 0.0);
        assert_eq!(index.doc(99), None);
        assert!(index.memory_bytes() > 0);
    }
}
