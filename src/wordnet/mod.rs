//! Lexical knowledge from WordNet 3.1: whether a word the source puts in place of a claim's
//! word means the same, the opposite, something incompatible, or is unrelated.
//!
//! The knowledge is a compact table, `model/wordnet.bin`, compiled from the WordNet dict
//! files by `corroborate lexicon build DICT_DIR -o model/wordnet.bin` (see `build.rs`, CLI
//! only), embedded in the native crate and loaded as a data file by the WebAssembly module's
//! host (see [`crate::data`]). It is parsed once; if it is missing or malformed every lookup
//! answers as if no word were known.
//!
//! # Queries
//!
//! Input words are lower-case single words (hyphenated ones like "long-term" too), inflected
//! or not: [`lemmas`] finds their base forms with WordNet's exception lists ("ran" -> "run",
//! "mice" -> "mouse", "better" -> "good") and its suffix rules ("injured" -> "injure",
//! "cities" -> "city", "rises" -> "rise"; also undoubling "biggest" -> "big"). A rule's
//! result counts only if the table knows it in the rule's part of speech.
//!
//! [`relation`] answers, in this order of priority: [`WordRelation::Same`] (a base form in
//! common), [`WordRelation::Synonym`] (a sense in common, or adjective senses in the same
//! similarity cluster: "tiny" and "small"), [`WordRelation::Antonym`] (a direct antonym
//! pair of base forms, or adjective senses whose cluster heads are antonyms: "tiny" and
//! "huge"), [`WordRelation::Derived`] (WordNet's derivationally related forms and
//! pertainyms: "injure" and "injury"), [`WordRelation::Hypernym`] and
//! [`WordRelation::Hyponym`] (one's sense is an ancestor of the other's, within
//! [`MAX_HOPS`] hypernym steps, and the ancestor is not too general: at least
//! [`MIN_NOUN_DEPTH`] steps below a root for nouns, [`MIN_VERB_DEPTH`] for verbs), then
//! [`WordRelation::CoHyponym`] (nouns only: both reach a common hypernym within
//! [`CO_HOPS`] steps that is at least [`MIN_CO_DEPTH`] steps below the root, so "monday"
//! and "tuesday" (weekday) or "cat" and "dog" (carnivore) are incompatible, but two things
//! that are merely both an "object" or an "act" are not).
//!
//! # File format, version 1
//!
//! Little-endian header of 12 bytes: the magic `CWNT`, the version (u32, 1), and the FNV-1a
//! (32-bit) checksum of the body that follows. All counts and ids in the body are unsigned
//! LEB128 varints ("v" below); a "list" is a count and then strictly increasing ids, the
//! first as it is and each next one as the gap from the one before; "strings" are sorted,
//! distinct ASCII strings, each front-coded as v(bytes shared with the previous string),
//! v(length of the rest), the rest.
//!
//! 1. `W` = v, then `W` strings: the words (lemmas), ids `0..W` in this order;
//! 2. `S` = v, then `S` bytes: each synset's part of speech (bits: 1 noun, 2 verb,
//!    4 adjective, 8 adverb) plus 16 for an adjective satellite;
//! 3. `S` lists: each synset's direct hypernyms (synset ids); for an adjective satellite,
//!    its cluster head instead;
//! 4. `P` = v, then `P` pairs `a < b` of antonym synsets (of direct antonym pairs of
//!    words; adjective cluster heads among them), sorted: v(a less the previous pair's a),
//!    v(b - a);
//! 5. `W` rows, each word's senses: v(count), then per sense v(0) for "the next synset id
//!    not seen yet in this section" (synsets are numbered in order of first appearance
//!    here) or v(id + 1);
//! 6. `W` lists: each word's derivationally related words with a greater id, the first
//!    id stored less the word's own id;
//! 7. `E` = v, `E` strings: inflected forms from the exception lists, then `E` lists: their
//!    base forms (word ids).
//!
//! A word's parts of speech are those of its senses. A synset's depth (the fewest hypernym
//! steps to a root) is computed at load.

#[cfg(feature = "cli")]
pub mod build;

use std::collections::HashMap;

/// The committed table's bytes, for the tests.
#[cfg(test)]
static TABLE_BYTES: &[u8] = include_bytes!("../../model/wordnet.bin");

const MAGIC: &[u8; 4] = b"CWNT";
const VERSION: u32 = 1;
const HEADER_LEN: usize = 12;

const POS_N: u8 = 1;
const POS_V: u8 = 2;
const POS_A: u8 = 4;
const POS_R: u8 = 8;
const SATELLITE: u8 = 16;

/// At most this many hypernym steps between a word and a more general word.
pub const MAX_HOPS: usize = 12;
/// A noun ancestor closer than this to the root ("entity", "abstraction", "object",
/// "whole", "act", ...) is too general to make a word a kind of it.
pub const MIN_NOUN_DEPTH: u8 = 4;
/// A verb ancestor closer than this to a root ("be", "have", "make", "change", ...) is too
/// general to make a verb a kind of it.
pub const MIN_VERB_DEPTH: u8 = 1;
/// Co-hyponyms reach their shared hypernym within this many steps each.
pub const CO_HOPS: usize = 2;
/// The shared hypernym of co-hyponyms is at least this many steps below the root.
pub const MIN_CO_DEPTH: u8 = 6;

/// Longest word looked up; longer input is unknown.
const MAX_WORD: usize = 64;

/// How two words relate in WordNet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WordRelation {
    /// The same base form ("ran" and "run").
    Same,
    /// A sense in common ("purchase" and "buy").
    Synonym,
    /// WordNet's derivationally related forms ("injure" and "injury").
    Derived,
    /// The second word is a more general kind of the first: ("sedan", "car").
    Hypernym,
    /// The second word is a more specific kind of the first: ("car", "sedan").
    Hyponym,
    /// Opposites ("increase" and "decrease", "tiny" and "huge").
    Antonym,
    /// Distinct kinds of one thing, neither a synonym of the other: ("monday", "tuesday"),
    /// ("cat", "dog").
    CoHyponym,
    /// None of the above, or a word WordNet does not know.
    Unrelated,
}

/// Rows of id lists, compressed-sparse-row style.
#[derive(Debug, Default)]
struct Rows {
    starts: Vec<u32>,
    items: Vec<u32>,
}

impl Rows {
    fn row(&self, i: u32) -> &[u32] {
        let i = i as usize;
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.items.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// Sorted strings in one buffer.
#[derive(Debug, Default)]
struct Strings {
    text: String,
    ends: Vec<u32>,
}

impl Strings {
    fn get(&self, i: usize) -> &str {
        let start = match i.checked_sub(1) {
            Some(p) => self.ends.get(p).copied().unwrap_or(0),
            None => 0,
        } as usize;
        let end = self.ends.get(i).copied().unwrap_or(0) as usize;
        self.text.get(start..end).unwrap_or("")
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn find(&self, s: &str) -> Option<u32> {
        let (mut lo, mut hi) = (0usize, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.get(mid).cmp(s) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid as u32),
            }
        }
        None
    }
}

/// The parsed table.
#[derive(Debug, Default)]
pub(crate) struct Table {
    words: Strings,
    word_pos: Vec<u8>,
    syn_flags: Vec<u8>,
    syn_depth: Vec<u8>,
    /// Direct hypernyms; an adjective satellite's cluster head.
    hypernyms: Rows,
    /// Antonym cluster heads, both ways round, sorted.
    synset_antonyms: Vec<(u32, u32)>,
    senses: Rows,
    derived: Rows,
    exc_forms: Strings,
    exc_bases: Rows,
}

/// FNV-1a, 32 bits.
fn checksum(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// Appends `v` as an unsigned LEB128 varint.
#[cfg(any(test, feature = "cli"))]
fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }

    fn varint(&mut self) -> Option<u32> {
        let mut v: u32 = 0;
        for shift in [0, 7, 14, 21, 28] {
            let b = self.byte()?;
            let part = u32::from(b & 0x7f);
            if shift == 28 && part > 0x0f {
                return None;
            }
            v |= part << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    fn left(&self) -> usize {
        self.bytes.len().saturating_sub(self.at)
    }

    /// A count of things taking at least one byte each: no more than the bytes left.
    fn count(&mut self) -> Option<usize> {
        let n = self.varint()? as usize;
        (n <= self.left()).then_some(n)
    }

    fn strings(&mut self, n: usize) -> Option<Strings> {
        let mut text: Vec<u8> = Vec::new();
        let mut ends = Vec::with_capacity(n.min(self.left()));
        let mut prev_start = 0usize;
        for _ in 0..n {
            let shared = self.varint()? as usize;
            let rest = self.varint()? as usize;
            let tail = self.take(rest)?;
            if !tail.is_ascii() || shared > text.len() - prev_start {
                return None;
            }
            let start = text.len();
            text.extend_from_within(prev_start..prev_start + shared);
            text.extend_from_slice(tail);
            if text.len() == start {
                return None;
            }
            if start > 0 && text.get(prev_start..start)? >= text.get(start..)? {
                return None;
            }
            ends.push(u32::try_from(text.len()).ok()?);
            prev_start = start;
        }
        let text = String::from_utf8(text).ok()?;
        Some(Strings { text, ends })
    }

    /// `n` lists of ids below `bound`; with `relative`, the ids of row `i` are greater than
    /// `i` and the first is stored less `i`.
    fn rows(&mut self, n: usize, bound: usize, relative: bool) -> Option<Rows> {
        let mut starts = Vec::with_capacity(n.min(self.left()) + 1);
        let mut items = Vec::new();
        starts.push(0);
        for row in 0..n {
            let len = self.count()?;
            let mut prev: Option<u32> = None;
            for _ in 0..len {
                let v = self.varint()?;
                let id = match prev {
                    None if relative && v > 0 => u32::try_from(row).ok()?.checked_add(v)?,
                    None if relative => return None,
                    None => v,
                    Some(p) if v > 0 => p.checked_add(v)?,
                    Some(_) => return None,
                };
                if id as usize >= bound {
                    return None;
                }
                items.push(id);
                prev = Some(id);
            }
            starts.push(u32::try_from(items.len()).ok()?);
        }
        Some(Rows { starts, items })
    }
}

impl Table {
    /// Parses a table file; `None` if it is malformed in any way.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Option<Table> {
        let header = bytes.get(..HEADER_LEN)?;
        let body = bytes.get(HEADER_LEN..)?;
        if header.get(..4)? != MAGIC
            || u32::from_le_bytes(header.get(4..8)?.try_into().ok()?) != VERSION
            || u32::from_le_bytes(header.get(8..12)?.try_into().ok()?) != checksum(body)
        {
            return None;
        }
        let mut r = Reader { bytes: body, at: 0 };
        let n_words = r.count()?;
        let words = r.strings(n_words)?;
        let n_syn = r.count()?;
        let syn_flags = r.take(n_syn)?.to_vec();
        let hypernyms = r.rows(n_syn, n_syn, false)?;
        let syn_depth = depths(&syn_flags, &hypernyms);
        let n_pairs = r.count()?;
        let mut synset_antonyms = Vec::with_capacity(2 * n_pairs);
        let mut prev = 0u32;
        for _ in 0..n_pairs {
            let a = prev.checked_add(r.varint()?)?;
            let b = a.checked_add(r.varint()?)?;
            if b as usize >= n_syn {
                return None;
            }
            synset_antonyms.push((a, b));
            synset_antonyms.push((b, a));
            prev = a;
        }
        synset_antonyms.sort_unstable();
        let mut senses = Rows {
            starts: vec![0],
            items: Vec::new(),
        };
        let mut fresh = 0u32;
        let mut word_pos = Vec::with_capacity(n_words);
        for _ in 0..n_words {
            let len = r.count()?;
            let start = senses.items.len();
            let mut pos = 0;
            for _ in 0..len {
                let id = match r.varint()? {
                    0 => {
                        fresh += 1;
                        fresh - 1
                    }
                    v => v - 1,
                };
                pos |= *syn_flags.get(id as usize)? & (POS_N | POS_V | POS_A | POS_R);
                senses.items.push(id);
            }
            senses.items.get_mut(start..)?.sort_unstable();
            senses.starts.push(u32::try_from(senses.items.len()).ok()?);
            word_pos.push(pos);
        }
        let derived = r.rows(n_words, n_words, true)?;
        let n_exc = r.count()?;
        let exc_forms = r.strings(n_exc)?;
        let exc_bases = r.rows(n_exc, n_words, false)?;
        if r.left() != 0 {
            return None;
        }
        Some(Table {
            words,
            word_pos,
            syn_flags,
            syn_depth,
            hypernyms,
            synset_antonyms,
            senses,
            derived,
            exc_forms,
            exc_bases,
        })
    }

    fn pos_of(&self, word: u32) -> u8 {
        self.word_pos.get(word as usize).copied().unwrap_or(0)
    }

    /// The ids of the base forms of `word`: itself if known, its exception-list bases, and
    /// what the suffix rules give in their part of speech.
    fn lemma_ids(&self, word: &str) -> Vec<u32> {
        let mut out = Vec::new();
        if word.is_empty()
            || word.len() > MAX_WORD
            || !word.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
        {
            return out;
        }
        let mut push = |id: u32| {
            if !out.contains(&id) {
                out.push(id);
            }
        };
        if let Some(id) = self.words.find(word) {
            push(id);
        }
        if let Some(e) = self.exc_forms.find(word) {
            for &id in self.exc_bases.row(e) {
                push(id);
            }
        }
        for id in rule_lemmas(word, |w| {
            let id = self.words.find(w)?;
            Some((id, self.pos_of(id)))
        }) {
            push(id);
        }
        out
    }

    /// The senses (synset ids) of some words, sorted and distinct.
    fn senses_of(&self, words: &[u32]) -> Vec<u32> {
        let mut out: Vec<u32> = words
            .iter()
            .flat_map(|&w| self.senses.row(w).iter().copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    fn flags(&self, syn: u32) -> u8 {
        self.syn_flags.get(syn as usize).copied().unwrap_or(0)
    }

    fn depth(&self, syn: u32) -> u8 {
        self.syn_depth.get(syn as usize).copied().unwrap_or(0)
    }

    /// The adjective cluster heads of some senses (a head is its own).
    fn clusters(&self, senses: &[u32]) -> Vec<u32> {
        let mut out: Vec<u32> = senses
            .iter()
            .filter(|&&s| self.flags(s) & POS_A != 0)
            .map(|&s| {
                if self.flags(s) & SATELLITE != 0 {
                    self.hypernyms.row(s).first().copied().unwrap_or(u32::MAX)
                } else {
                    s
                }
            })
            .filter(|&h| h != u32::MAX)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Ancestors of some senses within `hops` hypernym steps (not the senses themselves).
    fn ancestors(&self, senses: &[u32], hops: usize) -> Vec<u32> {
        let mut seen: Vec<u32> = Vec::new();
        let mut frontier: Vec<u32> = senses.to_vec();
        for _ in 0..hops {
            let mut next = Vec::new();
            for &s in &frontier {
                for &h in self.hypernyms.row(s) {
                    if !seen.contains(&h) {
                        seen.push(h);
                        next.push(h);
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            frontier = next;
        }
        seen.sort_unstable();
        seen
    }

    /// Whether `general` is a usable ancestor: deep enough below a root.
    fn specific_enough(&self, syn: u32, min_noun: u8) -> bool {
        let f = self.flags(syn);
        let d = self.depth(syn);
        (f & POS_N != 0 && d >= min_noun) || (f & POS_V != 0 && d >= MIN_VERB_DEPTH)
    }

    fn pair_in(&self, rows: &Rows, la: &[u32], lb: &[u32]) -> bool {
        la.iter().any(|&x| {
            lb.iter().any(|&y| {
                let (lo, hi) = (x.min(y), x.max(y));
                rows.row(lo).binary_search(&hi).is_ok()
            })
        })
    }

    /// What the relations of a word are computed from, found once per word.
    fn profile(&self, word: &str) -> Profile {
        let lemmas = self.lemma_ids(word);
        let senses = self.senses_of(&lemmas);
        let clusters = self.clusters(&senses);
        let ancestors = self.ancestors(&senses, MAX_HOPS);
        let nouns: Vec<u32> = senses
            .iter()
            .copied()
            .filter(|&x| self.flags(x) & POS_N != 0)
            .collect();
        let mut kinds: Vec<u32> = self
            .ancestors(&nouns, CO_HOPS)
            .into_iter()
            .filter(|&x| self.specific_enough(x, MIN_CO_DEPTH) && self.flags(x) & POS_N != 0)
            .collect();
        kinds.sort_unstable();
        Profile {
            lemmas,
            senses,
            clusters,
            ancestors,
            kinds,
        }
    }

    /// How `b` relates to `a` (uncached: [`relation`] caches each word's profile).
    #[cfg(test)]
    pub(crate) fn relation(&self, a: &str, b: &str) -> WordRelation {
        if a == b && !a.is_empty() {
            return WordRelation::Same;
        }
        self.relation_of(&self.profile(a), &self.profile(b))
    }

    /// How the word of profile `b` relates to that of profile `a` (two different words).
    fn relation_of(&self, a: &Profile, b: &Profile) -> WordRelation {
        let (la, lb) = (&a.lemmas, &b.lemmas);
        if la.is_empty() || lb.is_empty() {
            return WordRelation::Unrelated;
        }
        if la.iter().any(|x| lb.contains(x)) {
            return WordRelation::Same;
        }
        let (sa, sb) = (&a.senses, &b.senses);
        let (ca, cb) = (&a.clusters, &b.clusters);
        if intersects(sa, sb) || intersects(ca, cb) {
            return WordRelation::Synonym;
        }
        let opposed = |x: &[u32], y: &[u32]| {
            x.iter().any(|&h| {
                let from = self.synset_antonyms.partition_point(|p| p.0 < h);
                self.synset_antonyms
                    .get(from..)
                    .unwrap_or(&[])
                    .iter()
                    .take_while(|p| p.0 == h)
                    .any(|p| y.binary_search(&p.1).is_ok())
            })
        };
        if opposed(sa, sb) || opposed(ca, cb) {
            return WordRelation::Antonym;
        }
        if self.pair_in(&self.derived, la, lb) {
            return WordRelation::Derived;
        }
        // `general` is a usable ancestor of a word whose ancestors are `up`.
        let kind_of = |up: &[u32], general: &[u32]| {
            general
                .iter()
                .any(|g| up.binary_search(g).is_ok() && self.specific_enough(*g, MIN_NOUN_DEPTH))
        };
        if kind_of(&a.ancestors, sb) {
            return WordRelation::Hypernym;
        }
        if kind_of(&b.ancestors, sa) {
            return WordRelation::Hyponym;
        }
        if intersects(&a.kinds, &b.kinds) {
            return WordRelation::CoHyponym;
        }
        WordRelation::Unrelated
    }

    fn word(&self, id: u32) -> &str {
        self.words.get(id as usize)
    }

    /// The words of each synset (word ids, increasing), indexed by synset id.
    #[cfg(feature = "cli")]
    fn synset_words(&self) -> Vec<Vec<u32>> {
        let mut out: Vec<Vec<u32>> = vec![Vec::new(); self.syn_flags.len()];
        for w in 0..self.words.len() as u32 {
            for &s in self.senses.row(w) {
                if let Some(list) = out.get_mut(s as usize) {
                    list.push(w);
                }
            }
        }
        out
    }

    /// Synonyms and antonyms of a word (see [`neighbours`]).
    #[cfg(feature = "cli")]
    fn neighbours(&self, word: &str, synset_words: &[Vec<u32>]) -> Neighbours {
        let lemmas = self.lemma_ids(word);
        let own = |w: &u32| lemmas.contains(w);
        let mut synonyms: Vec<u32> = Vec::new();
        // The first sense of each base form: the commonest meaning, not a rare one.
        for &l in &lemmas {
            if let Some(&s) = self.senses.row(l).first() {
                for w in synset_words.get(s as usize).map_or(&[][..], Vec::as_slice) {
                    if !own(w) && !synonyms.contains(w) {
                        synonyms.push(*w);
                    }
                }
            }
        }
        let senses: Vec<u32> = lemmas
            .iter()
            .filter_map(|&l| self.senses.row(l).first().copied())
            .collect();
        let mut heads = senses.clone();
        heads.extend(self.clusters(&senses));
        heads.sort_unstable();
        heads.dedup();
        let mut antonyms: Vec<u32> = Vec::new();
        for &h in &heads {
            let from = self.synset_antonyms.partition_point(|p| p.0 < h);
            for p in self
                .synset_antonyms
                .get(from..)
                .unwrap_or(&[])
                .iter()
                .take_while(|p| p.0 == h)
            {
                for w in synset_words
                    .get(p.1 as usize)
                    .map_or(&[][..], Vec::as_slice)
                {
                    if !own(w) && !antonyms.contains(w) {
                        antonyms.push(*w);
                    }
                }
            }
        }
        synonyms.sort_unstable();
        antonyms.sort_unstable();
        let words = |ids: Vec<u32>| -> Vec<String> {
            ids.into_iter()
                .map(|id| self.word(id).to_string())
                .collect()
        };
        Neighbours {
            synonyms: words(synonyms),
            antonyms: words(antonyms),
        }
    }
}

/// A word's synonyms (the words of the first sense of each of its base forms) and antonyms
/// (the words of the antonym synsets of those senses or of their adjective clusters), each in
/// the table's (alphabetical) order. For generating minimal pairs (CLI only).
#[cfg(feature = "cli")]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Neighbours {
    /// Words with the same meaning ("buy" for "purchase").
    pub synonyms: Vec<String>,
    /// Words with the opposite meaning ("decrease" for "increase").
    pub antonyms: Vec<String>,
}

/// The synonyms and antonyms of a lower-case word (inflected forms allowed) in the built-in
/// table; empty for a word it does not know.
///
/// ```
/// let n = corroborate::wordnet::neighbours("dead");
/// assert!(n.antonyms.iter().any(|w| w == "alive"));
/// ```
#[cfg(feature = "cli")]
pub fn neighbours(word: &str) -> Neighbours {
    static INDEX: std::sync::OnceLock<Vec<Vec<u32>>> = std::sync::OnceLock::new();
    match builtin() {
        Some(t) => t.neighbours(word, INDEX.get_or_init(|| t.synset_words())),
        None => Neighbours::default(),
    }
}

/// Each synset's depth: the fewest hypernym steps from a noun or verb synset to a root (0
/// for adjectives and adverbs, and for synsets in a cycle, which WordNet does not have).
fn depths(flags: &[u8], hypernyms: &Rows) -> Vec<u8> {
    let n = flags.len();
    let mut depth: Vec<u8> = (0..n)
        .map(|s| {
            let tree = flags.get(s).is_some_and(|f| f & (POS_N | POS_V) != 0);
            if tree && !hypernyms.row(s as u32).is_empty() {
                u8::MAX
            } else {
                0
            }
        })
        .collect();
    // Each pass settles at least one more level; WordNet is about 20 levels deep.
    for _ in 0..64 {
        let mut changed = false;
        for s in 0..n {
            let best = hypernyms
                .row(s as u32)
                .iter()
                .map(|&h| {
                    depth
                        .get(h as usize)
                        .copied()
                        .unwrap_or(0)
                        .saturating_add(1)
                })
                .min();
            if let (Some(best), Some(d)) = (best, depth.get_mut(s)) {
                if best < *d {
                    *d = best;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    for d in &mut depth {
        if *d == u8::MAX {
            *d = 0;
        }
    }
    depth
}

/// Whether two sorted id lists share an id.
/// A word as the relations see it: its base forms, their senses (sorted), the adjective
/// cluster heads of those, the senses' ancestors within [`MAX_HOPS`] (sorted), and the
/// narrow kinds its noun senses belong to (ancestors within [`CO_HOPS`], deep enough).
struct Profile {
    lemmas: Vec<u32>,
    senses: Vec<u32>,
    clusters: Vec<u32>,
    ancestors: Vec<u32>,
    kinds: Vec<u32>,
}

fn intersects(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Suffix rules (part of speech, suffix, replacement), WordNet's detachment rules plus
/// "-ier"/"-iest"/"-ied" to "-y".
const RULES: &[(u8, &str, &str)] = &[
    (POS_N, "s", ""),
    (POS_N, "ses", "s"),
    (POS_N, "xes", "x"),
    (POS_N, "zes", "z"),
    (POS_N, "ches", "ch"),
    (POS_N, "shes", "sh"),
    (POS_N, "men", "man"),
    (POS_N, "ies", "y"),
    (POS_V, "s", ""),
    (POS_V, "ies", "y"),
    (POS_V, "es", "e"),
    (POS_V, "es", ""),
    (POS_V, "ed", "e"),
    (POS_V, "ed", ""),
    (POS_V, "ied", "y"),
    (POS_V, "ing", "e"),
    (POS_V, "ing", ""),
    (POS_A, "er", ""),
    (POS_A, "est", ""),
    (POS_A, "er", "e"),
    (POS_A, "est", "e"),
    (POS_A, "ier", "y"),
    (POS_A, "iest", "y"),
];

/// The base forms the suffix rules give for `word`, given a lookup of a word's id and its
/// parts of speech.
fn rule_lemmas(word: &str, find: impl Fn(&str) -> Option<(u32, u8)>) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    let mut try_stem = |candidate: &str, pos: u8| {
        if let Some((id, p)) = find(candidate) {
            if p & pos != 0 && !out.contains(&id) {
                out.push(id);
            }
        }
    };
    for &(pos, suffix, with) in RULES {
        let Some(stem) = word.strip_suffix(suffix) else {
            continue;
        };
        if stem.len() < 2 {
            continue;
        }
        try_stem(&format!("{stem}{with}"), pos);
        // Undoubling: "stopped" -> "stopp" -> "stop", "biggest" -> "bigg" -> "big".
        let b = stem.as_bytes();
        if with.is_empty() && UNDOUBLE.contains(&suffix) && b.len() >= 3 {
            let (x, y) = (b[b.len() - 1], b[b.len() - 2]);
            if x == y && !b"aeiouy".contains(&x) {
                if let Some(shorter) = stem.get(..stem.len() - 1) {
                    try_stem(shorter, pos);
                }
            }
        }
    }
    out
}

/// Suffixes after which a doubled final consonant is undone.
const UNDOUBLE: &[&str] = &["ed", "ing", "er", "est"];

/// The installed table (see [`crate::data`]); `None` if it is not loaded or malformed, and
/// then every word is unknown.
pub(crate) fn builtin() -> Option<&'static Table> {
    crate::data::lexicon()
}

/// How `b` relates to `a` in the built-in table (lower-case single words, inflected forms
/// allowed). Unknown words are [`WordRelation::Unrelated`], unless they are equal.
///
/// ```
/// use corroborate::wordnet::{relation, WordRelation};
/// assert_eq!(relation("sedan", "car"), WordRelation::Hypernym);
/// assert_eq!(relation("increased", "decrease"), WordRelation::Antonym);
/// ```
pub fn relation(a: &str, b: &str) -> WordRelation {
    relate(&Word::new(a), &Word::new(b))
}

/// A word with its profile looked up once, to be related to many others ([`relate`]).
pub(crate) struct Word<'w> {
    text: &'w str,
    profile: Option<std::rc::Rc<Profile>>,
}

impl<'w> Word<'w> {
    pub(crate) fn new(text: &'w str) -> Word<'w> {
        Word {
            text,
            profile: builtin().map(|t| profile(t, text)),
        }
    }

    /// Whether the table knows the word (a base form of it): only then can it relate to
    /// another word but itself.
    pub(crate) fn is_known(&self) -> bool {
        self.profile.as_ref().is_some_and(|p| !p.lemmas.is_empty())
    }
}

/// How `b` relates to `a` ([`relation`], for words already looked up).
pub(crate) fn relate(a: &Word, b: &Word) -> WordRelation {
    if a.text == b.text && !a.text.is_empty() {
        return WordRelation::Same;
    }
    match (builtin(), &a.profile, &b.profile) {
        (Some(t), Some(pa), Some(pb)) => t.relation_of(pa, pb),
        _ => WordRelation::Unrelated,
    }
}

/// The profile of a word, from a per-thread cache. The judge asks about the same words again
/// and again (a page's words against its sources'): a profile costs a few look-ups and
/// hypernym walks (about 2 µs), a cached one a hash, and relating two profiles a few merges
/// of short sorted lists. The cache is cleared past CACHE_WORDS words, so its memory stays
/// bounded.
fn profile(t: &Table, word: &str) -> std::rc::Rc<Profile> {
    thread_local! {
        static PROFILES: std::cell::RefCell<HashMap<String, std::rc::Rc<Profile>, Fnv>> =
            std::cell::RefCell::new(HashMap::default());
    }
    const CACHE_WORDS: usize = 1 << 14;
    PROFILES.with(|c| {
        let mut map = c.borrow_mut();
        if let Some(p) = map.get(word) {
            return p.clone();
        }
        if map.len() >= CACHE_WORDS {
            map.clear();
        }
        let p = std::rc::Rc::new(t.profile(word));
        map.insert(word.to_string(), p.clone());
        p
    })
}

/// FNV-1a, for the cache's short keys (std's SipHash costs more than the look-up it saves).
#[derive(Clone, Copy, Default)]
struct Fnv;

impl std::hash::BuildHasher for Fnv {
    type Hasher = FnvHasher;
    fn build_hasher(&self) -> FnvHasher {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

struct FnvHasher(u64);

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// The base forms the built-in table knows for a word ("mice" -> ["mouse"], "injured" ->
/// ["injured", "injure"]), possibly none.
pub fn lemmas(word: &str) -> Vec<&'static str> {
    builtin().map_or_else(Vec::new, |t| {
        t.lemma_ids(word).into_iter().map(|id| t.word(id)).collect()
    })
}

/// Whether the built-in table knows the word or a base form of it.
pub fn is_known(word: &str) -> bool {
    builtin().is_some_and(|t| !t.lemma_ids(word).is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use WordRelation::*;

    #[test]
    fn relations() {
        let cases: &[(&str, &str, &str, WordRelation)] = &[
            ("same word", "car", "car", Same),
            ("past tense", "ran", "run", Same),
            ("irregular plural", "mice", "mouse", Same),
            ("third person", "rises", "rise", Same),
            ("synonym verbs", "injure", "wound", Synonym),
            ("synonym purchase", "purchase", "buy", Synonym),
            ("synonym adjectives", "big", "large", Synonym),
            ("inflected synonyms", "purchased", "bought", Synonym),
            ("satellite of its head", "tiny", "small", Synonym),
            ("antonym increase", "increase", "decrease", Antonym),
            ("antonym inflected", "increased", "decreases", Antonym),
            ("antonym rise fall", "rise", "fall", Antonym),
            ("antonym win lose", "win", "lose", Antonym),
            ("antonym allow forbid", "allow", "forbid", Antonym),
            ("antonym long short", "long-term", "short-term", Antonym),
            ("antonym through clusters", "tiny", "huge", Antonym),
            ("antonym adjectives", "good", "bad", Antonym),
            ("antonym comparative", "better", "worse", Antonym),
            ("antonym accept reject", "accept", "reject", Antonym),
            ("antonym approve", "approve", "disapprove", Antonym),
            ("derived", "injure", "injury", Derived),
            ("derived inflected", "injured", "injury", Derived),
            ("derived decide", "decide", "decision", Derived),
            ("hypernym", "sedan", "car", Hypernym),
            ("hyponym", "car", "sedan", Hyponym),
            ("hypernym far", "dog", "animal", Hypernym),
            ("hypernym plural", "dogs", "animals", Hypernym),
            ("hypernym verb", "stroll", "walk", Hypernym),
            ("verb root too general", "walk", "move", Unrelated),
            ("injure is a kind of hurt", "injure", "hurt", Hypernym),
            ("co-hyponym weekdays", "monday", "tuesday", CoHyponym),
            ("co-hyponym animals", "cat", "dog", CoHyponym),
            ("co-hyponym months", "january", "february", CoHyponym),
            ("unrelated", "ferry", "budget", Unrelated),
            ("unrelated general", "car", "idea", Unrelated),
            ("not kind of entity", "car", "entity", Unrelated),
            ("unknown word", "zzzq", "car", Unrelated),
            ("empty", "", "car", Unrelated),
            ("both empty", "", "", Unrelated),
            ("non-ascii", "東京", "tokyo", Unrelated),
            ("non-ascii same", "東京", "東京", Same),
            ("upper case is not normalised", "Car", "auto", Unrelated),
        ];
        let mut failed = Vec::new();
        for &(name, a, b, want) in cases {
            let got = relation(a, b);
            if got != want {
                failed.push(format!(
                    "{name}: relation({a:?}, {b:?}) = {got:?}, want {want:?}"
                ));
            }
        }
        assert!(failed.is_empty(), "\n{}", failed.join("\n"));
    }

    #[test]
    fn lemmatisation() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("past participle", "injured", &["injured", "injure"]),
            ("irregular verb", "ran", &["run"]),
            ("irregular plural", "mice", &["mouse"]),
            ("irregular comparative", "better", &["good"]),
            ("-ies plural", "cities", &["city"]),
            ("-s verb", "rises", &["rise"]),
            ("undoubled superlative", "biggest", &["big"]),
            ("hyphenated", "long-term", &["long-term"]),
            ("unknown", "qwxz", &[]),
            ("empty", "", &[]),
        ];
        for &(name, word, want) in cases {
            let got = lemmas(word);
            for w in want {
                assert!(
                    got.contains(w),
                    "{name}: lemmas({word:?}) = {got:?}, missing {w}"
                );
            }
            assert_eq!(got.is_empty(), want.is_empty(), "{name}: {got:?}");
            assert_eq!(is_known(word), !want.is_empty(), "{name}");
        }
    }

    #[test]
    fn odd_input_never_panics() {
        let long = "a".repeat(100_000);
        let long_hyphens = "-".repeat(5_000);
        let inputs = [
            "",
            " ",
            "東京",
            "é",
            "ß",
            "a",
            "-",
            "--",
            "s",
            "es",
            "ies",
            "ing",
            "'s",
            long.as_str(),
            long_hyphens.as_str(),
            "\0",
            "a\u{0}b",
        ];
        for a in inputs {
            for b in inputs {
                let _ = relation(a, b);
            }
            let _ = lemmas(a);
            let _ = is_known(a);
        }
        assert_eq!(relation(&long, &long), Same);
        assert!(lemmas(&long).is_empty());
    }

    #[test]
    fn builtin_table_parses_quickly() {
        let start = std::time::Instant::now();
        let table = Table::from_bytes(TABLE_BYTES).expect("the built-in table parses");
        let elapsed = start.elapsed();
        println!(
            "wordnet.bin: {} bytes, {} words, {} synsets, parsed in {elapsed:?}",
            TABLE_BYTES.len(),
            table.words.len(),
            table.syn_flags.len()
        );
        assert!(table.words.len() > 10_000);
        assert!(elapsed.as_millis() < 2_000, "{elapsed:?}");
    }

    #[test]
    fn malformed_tables_are_rejected_without_panic() {
        assert!(Table::from_bytes(&[]).is_none());
        assert!(Table::from_bytes(b"CWNT").is_none());
        assert!(Table::from_bytes(&TABLE_BYTES[..TABLE_BYTES.len() / 2]).is_none());
        // A wrong checksum, and then every truncation and many byte flips with the checksum
        // fixed, so that the body parser itself sees the damage.
        let mut bad = TABLE_BYTES.to_vec();
        if let Some(b) = bad.get_mut(HEADER_LEN + 100) {
            *b ^= 0x55;
        }
        assert!(Table::from_bytes(&bad).is_none());
        let with_checksum = |body: &[u8]| {
            let mut v = Vec::with_capacity(HEADER_LEN + body.len());
            v.extend_from_slice(MAGIC);
            v.extend_from_slice(&VERSION.to_le_bytes());
            v.extend_from_slice(&checksum(body).to_le_bytes());
            v.extend_from_slice(body);
            v
        };
        let body = &TABLE_BYTES[HEADER_LEN..];
        let step = (body.len() / 300).max(1);
        for cut in (0..body.len()).step_by(step) {
            assert!(Table::from_bytes(&with_checksum(&body[..cut])).is_none());
            let mut flipped = body.to_vec();
            flipped[cut] ^= 0xff;
            if let Some(t) = Table::from_bytes(&with_checksum(&flipped)) {
                let _ = t.relation("increase", "decrease");
                let _ = t.relation("sedan", "car");
                let _ = t.lemma_ids("ran");
            }
        }
        let junk: Vec<u8> = (0..5000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert!(Table::from_bytes(&with_checksum(&junk)).is_none());
        let mut huge = Vec::new();
        put_varint(&mut huge, u32::MAX);
        assert!(Table::from_bytes(&with_checksum(&huge)).is_none());
    }
}
