//! Feature extraction for the stance model: prepared texts (hashed stems, lexicon marks,
//! sentences), similarity features for relatedness and cue features for the stance proper.
//!
//! Everything here is deterministic and independent of hash-map iteration order: maps are only
//! used for look-ups, never iterated.

use crate::text::{is_stopword, stem, tokenize};
use crate::words;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::OnceLock;

/// Token flag: a content word (not a stop word; a number or at least two characters).
pub const CONTENT: u8 = 1;
/// Token flag: written with a capital first letter.
pub const CAP: u8 = 2;
/// Token flag: a number.
pub const NUM: u8 = 4;

/// Lexicon class: refuting words ("hoax", "fake", "denied", "not true").
pub const REFUTE: u8 = 1;
/// Lexicon class: hedging and reporting words ("reportedly", "allegedly", "according to").
pub const HEDGE: u8 = 2;
/// Lexicon class: confirming words ("confirmed", "officially", "announced").
pub const CONFIRM: u8 = 4;
/// Lexicon class: negations ("not", "never", "didn't").
pub const NEG: u8 = 8;
/// The lexicon classes in feature order.
pub const LEXICONS: [u8; 4] = [REFUTE, HEDGE, CONFIRM, NEG];

/// Two-word phrases and the class they mark (on their first word).
const PHRASES: &[(&str, &str, u8)] = &[
    ("according", "to", HEDGE),
    ("made", "up", REFUTE),
    ("no", "evidence", REFUTE),
    ("not", "real", REFUTE),
    ("not", "true", REFUTE),
    ("turned", "out", CONFIRM),
];

/// The lexicons as sorted (hash of the word, classes) and phrases as hashes.
struct Lexicon {
    words: Vec<(u64, u8)>,
    phrases: Vec<(u64, u64, u8)>,
}

fn lexicon_table() -> &'static Lexicon {
    static TABLE: OnceLock<Lexicon> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut words: Vec<(u64, u8)> = Vec::new();
        for (list, class) in [
            (words::STANCE_REFUTE, REFUTE),
            (words::STANCE_HEDGE, HEDGE),
            (words::STANCE_CONFIRM, CONFIRM),
            (words::STANCE_NEGATION, NEG),
        ] {
            for w in list {
                let h = hash_str(w);
                match words.iter_mut().find(|(x, _)| *x == h) {
                    Some((_, c)) => *c |= class,
                    None => words.push((h, class)),
                }
            }
        }
        crate::sort::sort(&mut words);
        let phrases = PHRASES
            .iter()
            .map(|(a, b, c)| (hash_str(a), hash_str(b), *c))
            .collect();
        Lexicon { words, phrases }
    })
}

/// The lexicon classes of one normalised word, given the word and its hash.
fn lexicon_hashed(norm: &str, h: u64) -> u8 {
    let words = &lexicon_table().words;
    let mut c = match words.binary_search_by_key(&h, |&(x, _)| x) {
        Ok(i) => words.get(i).map_or(0, |&(_, c)| c),
        Err(_) => 0,
    };
    if norm.ends_with("n't") {
        c |= NEG;
    }
    c
}

/// True when the text has a refuting word ("denied", "hoax", "false") that `claim` lacks.
pub fn refutes(claim: &str, text: &str) -> bool {
    let in_claim: Vec<String> = tokenize(claim).into_iter().map(|t| t.norm).collect();
    tokenize(text)
        .iter()
        .any(|t| is_refuting(&t.norm) && !in_claim.contains(&t.norm))
}

/// True for a refuting word, normalised.
pub fn is_refuting(norm: &str) -> bool {
    words::contains(words::STANCE_REFUTE, norm)
}

/// The lexicon classes of one normalised word.
#[cfg(test)]
pub fn lexicon(norm: &str) -> u8 {
    lexicon_hashed(norm, hash_str(norm))
}

/// A hasher for keys that are already well-mixed 64-bit hashes.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b) ^ (self.0 >> 56);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

type FastMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;
type FastSet = HashSet<u64, BuildHasherDefault<IdHasher>>;

/// Stop words, as the crate's list has them (all of them are at most 7 bytes long).
fn is_stop(norm: &str) -> bool {
    norm.len() <= 7 && is_stopword(norm)
}

/// 64-bit FNV-1a, finished with a mixer so that low bits are usable as bucket indices.
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

/// A 64-bit finaliser (splitmix64's).
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Combine two hashes (order matters).
pub fn combine(a: u64, b: u64) -> u64 {
    mix(a.rotate_left(17) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// One word of a prepared text.
#[derive(Clone, Copy, Debug)]
pub struct Tok {
    /// Hash of the stem.
    pub h: u64,
    /// `CONTENT`, `CAP`, `NUM` flags.
    pub flags: u8,
    /// Lexicon classes.
    pub lex: u8,
}

impl Tok {
    pub fn is(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// A text ready for feature extraction: its words and its sentences.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    pub toks: Vec<Tok>,
    /// Per sentence: the range of its words in `toks` and its byte range in the text.
    pub sents: Vec<(Range<usize>, Range<usize>)>,
    /// Number of '?' characters.
    pub questions: usize,
    /// Number of double-quote characters.
    pub quotes: usize,
}

impl Doc {
    /// Prepare a text, cut into sentences by the crate's segmenter.
    pub fn new(text: &str) -> Doc {
        let mut doc = Doc::default();
        for r in crate::sentences::sentences(text) {
            if let Some(s) = text.get(r.clone()) {
                doc.push_sentence(s, r);
            }
        }
        doc
    }

    /// Prepare a list of sentences, each one sentence of the result.
    pub fn from_sentences(sentences: &[&str]) -> Doc {
        let mut doc = Doc::default();
        for s in sentences {
            doc.push_sentence(s, 0..s.len());
        }
        doc
    }

    /// Prepare a short text (a claim) as a single sentence.
    pub fn single(text: &str) -> Doc {
        let mut doc = Doc::default();
        doc.push_sentence(text, 0..text.len());
        doc
    }

    fn push_sentence(&mut self, text: &str, bytes: Range<usize>) {
        let start = self.toks.len();
        let tokens = tokenize(text);
        let mut norm_hashes = Vec::with_capacity(tokens.len());
        for t in &tokens {
            let raw_first = text.get(t.start..).and_then(|s| s.chars().next());
            let mut flags = 0;
            let numeric = t.is_numeric();
            if numeric {
                flags |= NUM;
            }
            if !is_stop(&t.norm) && (numeric || t.norm.chars().nth(1).is_some()) {
                flags |= CONTENT;
            }
            if raw_first.is_some_and(char::is_uppercase) {
                flags |= CAP;
            }
            let nh = hash_str(&t.norm);
            norm_hashes.push(nh);
            self.toks.push(Tok {
                h: hash_str(&stem(&t.norm)),
                flags,
                lex: lexicon_hashed(&t.norm, nh),
            });
        }
        let phrases = &lexicon_table().phrases;
        for (i, pair) in norm_hashes.windows(2).enumerate() {
            if let [a, b] = pair {
                for (x, y, class) in phrases {
                    if a == x && b == y {
                        if let Some(t) = self.toks.get_mut(start + i) {
                            t.lex |= class;
                        }
                    }
                }
            }
        }
        self.questions += text.bytes().filter(|&b| b == b'?').count();
        self.quotes += text
            .chars()
            .filter(|&c| matches!(c, '"' | '\u{201C}' | '\u{201D}'))
            .count();
        if self.toks.len() > start {
            self.sents.push((start..self.toks.len(), bytes));
        }
    }
}

/// The inverse document frequency of a stem hash.
pub trait Idf {
    fn idf(&self, h: u64) -> f32;
}

/// Every word weighs the same.
pub struct FlatIdf;

impl Idf for FlatIdf {
    fn idf(&self, _h: u64) -> f32 {
        1.0
    }
}

/// Number of relatedness features.
pub const N_REL: usize = 18;
/// Number of stance features (the relatedness ones come first).
pub const N_STANCE: usize = N_REL + 6 * 4 + 12;

/// Claim words considered in sentence-level matching (a bit mask per sentence).
const MAX_TERMS: usize = 64;
/// Number of best-matching sentences used for the stance cues.
const TOP: usize = 3;
/// Number of leading sentences of the body ("the lead").
const LEAD: usize = 3;

/// The features of one claim–body pair, and the best-matching sentence.
#[derive(Clone, Debug)]
pub struct PairFeatures {
    pub rel: Vec<f32>,
    pub stance: Vec<f32>,
    /// Hashed sparse features (hash, value); bucketed by the model.
    pub hashed: Vec<(u64, f32)>,
    /// Index of the best-matching sentence of the body.
    pub best: Option<usize>,
}

/// Namespaces of hashed features.
const NS_BODY: u64 = 1;
const NS_SENT: u64 = 2;
const NS_SENT_BI: u64 = 3;
const NS_CLAIM: u64 = 4;
const NS_CROSS: u64 = 5;
const NS_CLAIM_BI: u64 = 6;

fn ln1p(x: f32) -> f32 {
    x.max(0.0).ln_1p()
}

fn frac(a: f32, b: f32) -> f32 {
    if b > 0.0 {
        a / b
    } else {
        0.0
    }
}

/// A body prepared once for many claims: its words and the claim-independent statistics.
#[derive(Clone, Debug)]
pub struct Body {
    pub doc: Doc,
    /// Content-word counts by stem hash.
    counts: FastMap<u32>,
    /// Bigrams of consecutive content words within a sentence.
    bigrams: FastSet,
    /// Squared norm of the body's log-tf * idf vector.
    norm2: f32,
    /// Number of content words.
    content: usize,
    /// The body-only hashed features (see [`body_hashed`]).
    pub hashed: Vec<(u64, f32)>,
}

impl Body {
    pub fn new(doc: Doc, idf: &dyn Idf) -> Body {
        let mut counts: FastMap<u32> = FastMap::default();
        let mut bigrams = FastSet::default();
        let mut content = 0;
        for (range, _) in &doc.sents {
            let mut prev: Option<u64> = None;
            for t in doc.toks.get(range.clone()).unwrap_or(&[]) {
                if !t.is(CONTENT) {
                    continue;
                }
                content += 1;
                *counts.entry(t.h).or_insert(0) += 1;
                if let Some(p) = prev {
                    bigrams.insert(combine(p, t.h));
                }
                prev = Some(t.h);
            }
        }
        // Summed in token order (first occurrences) for determinism.
        let mut norm2 = 0f32;
        let mut seen = FastSet::default();
        for t in doc.toks.iter().filter(|t| t.is(CONTENT)) {
            if seen.insert(t.h) {
                let c = counts.get(&t.h).copied().unwrap_or(1) as f32;
                let v = (1.0 + c.ln()) * idf.idf(t.h);
                norm2 += v * v;
            }
        }
        let hashed = body_hashed(&doc);
        Body {
            doc,
            counts,
            bigrams,
            norm2,
            content,
            hashed,
        }
    }
}

/// The hashed features of a body alone: its content and lexicon words, each once.
pub fn body_hashed(body: &Doc) -> Vec<(u64, f32)> {
    let mut seen: FastSet = FastSet::default();
    let words: Vec<u64> = body
        .toks
        .iter()
        .filter(|t| t.is(CONTENT) || t.lex != 0)
        .filter(|t| seen.insert(t.h))
        .map(|t| t.h)
        .collect();
    let v = 1.0 / (words.len().max(1) as f32).sqrt();
    words
        .into_iter()
        .map(|h| (combine(NS_BODY, h), v))
        .collect()
}

/// Extract the features of a claim against a body (the body-only hashed features, from
/// [`body_hashed`], are not included).
pub fn extract(claim: &Doc, prepared: &Body, idf: &dyn Idf) -> PairFeatures {
    let body = &prepared.doc;
    // Claim terms: unique content stems, first-seen order.
    let mut terms: Vec<u64> = Vec::new();
    let mut caps: Vec<u64> = Vec::new();
    let mut nums: Vec<u64> = Vec::new();
    for (i, t) in claim.toks.iter().enumerate() {
        if !t.is(CONTENT) {
            continue;
        }
        if !terms.contains(&t.h) {
            terms.push(t.h);
        }
        if t.is(NUM) && !nums.contains(&t.h) {
            nums.push(t.h);
        }
        if t.is(CAP) && i > 0 && !t.is(NUM) && !caps.contains(&t.h) {
            caps.push(t.h);
        }
    }
    let weights: Vec<f32> = terms.iter().map(|&h| idf.idf(h)).collect();
    let total_w: f32 = weights.iter().sum();
    let claim_content: Vec<u64> = claim
        .toks
        .iter()
        .filter(|t| t.is(CONTENT))
        .map(|t| t.h)
        .collect();
    let mut bigrams: Vec<u64> = Vec::new();
    for w in claim_content.windows(2) {
        if let [a, b] = w {
            let h = combine(*a, *b);
            if !bigrams.contains(&h) {
                bigrams.push(h);
            }
        }
    }
    let term_index: FastMap<usize> = terms
        .iter()
        .enumerate()
        .rev()
        .map(|(i, &h)| (h, i))
        .collect();

    // Body: term frequencies of claim terms and per-sentence masks.
    let mut tf = vec![0u32; terms.len()];
    let mut masks: Vec<u64> = Vec::with_capacity(body.sents.len());
    for (range, _) in &body.sents {
        let mut mask = 0u64;
        for t in body.toks.get(range.clone()).unwrap_or(&[]) {
            if !t.is(CONTENT) {
                continue;
            }
            if let Some(&i) = term_index.get(&t.h) {
                if let Some(c) = tf.get_mut(i) {
                    *c += 1;
                }
                if i < MAX_TERMS {
                    mask |= 1 << i;
                }
            }
        }
        masks.push(mask);
    }
    let body_content = prepared.content;
    let body_norm2 = prepared.norm2;
    let body_counts = &prepared.counts;
    let body_bigrams = &prepared.bigrams;
    let mask_weight = |mask: u64| -> f32 {
        weights
            .iter()
            .take(MAX_TERMS)
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, w)| w)
            .sum()
    };
    let matched_w: f32 = weights
        .iter()
        .zip(&tf)
        .filter(|(_, &c)| c > 0)
        .map(|(w, _)| w)
        .sum();
    let matched_n = tf.iter().filter(|&&c| c > 0).count() as f32;
    let tf_w: f32 = weights
        .iter()
        .zip(&tf)
        .map(|(w, &c)| w * ln1p(c as f32))
        .sum();
    let mut dot = 0f32;
    let mut claim_norm2 = 0f32;
    for (w, &c) in weights.iter().zip(&tf) {
        claim_norm2 += w * w;
        if c > 0 {
            dot += w * w * (1.0 + (c as f32).ln());
        }
    }
    let cosine = frac(dot, (claim_norm2 * body_norm2).sqrt());
    let max_unmatched = weights
        .iter()
        .zip(&tf)
        .filter(|(_, &c)| c == 0)
        .map(|(w, _)| *w)
        .fold(0.0, f32::max);
    let max_matched = weights
        .iter()
        .zip(&tf)
        .filter(|(_, &c)| c > 0)
        .map(|(w, _)| *w)
        .fold(0.0, f32::max);
    let bigram_hits = bigrams.iter().filter(|b| body_bigrams.contains(b)).count() as f32;
    let find = |list: &[u64]| list.iter().filter(|h| body_counts.contains_key(h)).count() as f32;
    let cap_hits = find(&caps);
    let num_hits = find(&nums);

    // Sentence coverage.
    let sent_cov: Vec<f32> = masks
        .iter()
        .map(|&m| frac(mask_weight(m), total_w))
        .collect();
    let mut order: Vec<usize> = (0..sent_cov.len()).collect();
    crate::sort::sort_by(&mut order, |&a, &b| {
        sent_cov[b]
            .partial_cmp(&sent_cov[a])
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.cmp(&b))
    });
    let best = order
        .first()
        .copied()
        .filter(|&i| sent_cov.get(i).is_some_and(|&c| c > 0.0));
    let max_cov = best.and_then(|i| sent_cov.get(i)).copied().unwrap_or(0.0);
    let top: Vec<usize> = order.iter().take(TOP).copied().collect();
    let top_mean = frac(
        top.iter().filter_map(|&i| sent_cov.get(i)).sum(),
        top.len() as f32,
    );
    let lead_mask = masks.iter().take(LEAD).fold(0u64, |a, &m| a | m);
    let lead_cov = frac(mask_weight(lead_mask), total_w);
    let first_cov = sent_cov.first().copied().unwrap_or(0.0);
    let strong = frac(
        sent_cov.iter().filter(|&&c| c >= 0.5).count() as f32,
        sent_cov.len() as f32,
    );
    let best_pos = match best {
        Some(i) => frac(i as f32, sent_cov.len() as f32),
        None => 1.0,
    };

    let rel = vec![
        frac(matched_w, total_w),
        frac(matched_n, terms.len() as f32),
        frac(bigram_hits, bigrams.len() as f32),
        cosine,
        max_cov,
        top_mean,
        lead_cov,
        first_cov,
        frac(cap_hits, caps.len() as f32),
        frac(num_hits, nums.len() as f32),
        ln1p(terms.len() as f32),
        ln1p(body_content as f32),
        matched_w / 10.0,
        max_unmatched,
        max_matched,
        frac(tf_w, total_w),
        strong,
        best_pos,
    ];
    debug_assert_eq!(rel.len(), N_REL);

    // Stance cues.
    let mut stance = rel.clone();
    let count_in = |sents: &mut dyn Iterator<Item = usize>, class: u8| -> f32 {
        let mut n = 0;
        for i in sents {
            if let Some((range, _)) = body.sents.get(i) {
                n += body
                    .toks
                    .get(range.clone())
                    .unwrap_or(&[])
                    .iter()
                    .filter(|t| t.lex & class != 0)
                    .count();
            }
        }
        n as f32
    };
    let ntoks = body.toks.len() as f32;
    let claim_lex = claim.toks.iter().fold(0u8, |a, t| a | t.lex);
    for class in LEXICONS {
        let all = count_in(&mut (0..body.sents.len()), class);
        stance.push(ln1p(100.0 * frac(all, ntoks)));
        stance.push(if all > 0.0 { 1.0 } else { 0.0 });
        stance.push(ln1p(count_in(&mut top.iter().copied(), class)));
        stance.push(ln1p(count_in(&mut (0..LEAD.min(body.sents.len())), class)));
        stance.push(ln1p(count_in(&mut best.into_iter(), class)));
        stance.push(if claim_lex & class != 0 { 1.0 } else { 0.0 });
    }
    // Negation near matched claim words in the top sentences.
    let mut neg_near = 0usize;
    let mut refute_near = 0usize;
    for &i in &top {
        let Some((range, _)) = body.sents.get(i) else {
            continue;
        };
        let toks = body.toks.get(range.clone()).unwrap_or(&[]);
        for (j, t) in toks.iter().enumerate() {
            if t.lex & (NEG | REFUTE) == 0 {
                continue;
            }
            let lo = j.saturating_sub(4);
            let hi = (j + 5).min(toks.len());
            let near = toks
                .get(lo..hi)
                .unwrap_or(&[])
                .iter()
                .any(|u| term_index.contains_key(&u.h));
            if near {
                if t.lex & NEG != 0 {
                    neg_near += 1;
                }
                if t.lex & REFUTE != 0 {
                    refute_near += 1;
                }
            }
        }
    }
    let body_lex = body.toks.iter().fold(0u8, |a, t| a | t.lex);
    let both = |c: u8, b: u8| {
        if claim_lex & c != 0 && body_lex & b != 0 {
            1.0
        } else {
            0.0
        }
    };
    stance.extend([
        ln1p(neg_near as f32),
        ln1p(refute_near as f32),
        if claim.questions > 0 { 1.0 } else { 0.0 },
        if claim.quotes > 0 { 1.0 } else { 0.0 },
        ln1p(100.0 * frac(body.quotes as f32, ntoks)),
        ln1p(body.questions as f32),
        both(REFUTE, REFUTE),
        both(REFUTE, CONFIRM),
        both(HEDGE, REFUTE),
        both(HEDGE, CONFIRM),
        ln1p(body.sents.len() as f32),
        if claim_lex == 0 { 1.0 } else { 0.0 },
    ]);
    debug_assert_eq!(stance.len(), N_STANCE);

    // Hashed features.
    let mut hashed: Vec<(u64, f32)> = Vec::new();
    let mut push_group = |ns: u64, items: Vec<u64>, scale: f32| {
        if items.is_empty() {
            return;
        }
        let v = scale / (items.len() as f32).sqrt();
        for h in items {
            hashed.push((combine(ns, h), v));
        }
    };
    // Best sentences: all words and bigrams.
    let mut sent_words = Vec::new();
    let mut sent_bi = Vec::new();
    let mut seen: FastSet = FastSet::default();
    for &i in top.iter().take(2) {
        let Some((range, _)) = body.sents.get(i) else {
            continue;
        };
        let toks = body.toks.get(range.clone()).unwrap_or(&[]);
        for (j, t) in toks.iter().enumerate() {
            if seen.insert(t.h) {
                sent_words.push(t.h);
            }
            if let Some(u) = toks.get(j + 1) {
                let b = combine(t.h, u.h);
                if seen.insert(b) {
                    sent_bi.push(b);
                }
            }
        }
    }
    push_group(NS_SENT, sent_words, 1.0);
    push_group(NS_SENT_BI, sent_bi, 1.0);
    // Claim words and bigrams (all words, stop words too).
    let mut seen: FastSet = FastSet::default();
    let claim_words: Vec<u64> = claim
        .toks
        .iter()
        .map(|t| t.h)
        .filter(|&h| seen.insert(h))
        .collect();
    let claim_bi: Vec<u64> = claim
        .toks
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some(combine(a.h, b.h)),
            _ => None,
        })
        .filter(|&h| seen.insert(h))
        .collect();
    push_group(NS_CLAIM, claim_words, 1.0);
    push_group(NS_CLAIM_BI, claim_bi, 1.0);
    // Claim cue classes crossed with the body's lexicon words.
    let mut seen: FastSet = FastSet::default();
    let mut cross = Vec::new();
    for t in body.toks.iter().filter(|t| t.lex != 0) {
        for class in [0u8, REFUTE, HEDGE, CONFIRM, NEG] {
            if class == 0 && claim_lex != 0 || class != 0 && claim_lex & class == 0 {
                continue;
            }
            let h = combine(u64::from(class) + 100, t.h);
            if seen.insert(h) {
                cross.push(h);
            }
        }
    }
    push_group(NS_CROSS, cross, 1.0);

    PairFeatures {
        rel,
        stance,
        hashed,
        best,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_table() {
        let cases = [
            ("hoax", REFUTE),
            ("reportedly", HEDGE),
            ("confirmed", CONFIRM),
            ("didn't", NEG),
            ("not", NEG),
            ("claims", HEDGE),
            ("table", 0),
        ];
        for (w, want) in cases {
            assert_eq!(lexicon(w), want, "{w:?}");
        }
    }

    #[test]
    fn phrases_mark_their_first_word() {
        let doc = Doc::single("It is not true, according to police.");
        let lex: Vec<u8> = doc.toks.iter().map(|t| t.lex).collect();
        assert_eq!(lex, [0, 0, NEG | REFUTE, 0, HEDGE, 0, 0]);
    }

    #[test]
    fn similarity_features_table() {
        // (claim, body, want coverage (feature 0), want best sentence)
        let cases = [
            (
                "Cat rescued from tree",
                "A cat was rescued from a tree. Firefighters came.",
                1.0,
                Some(0),
            ),
            (
                "Cat rescued from tree",
                "Stocks fell. A cat was rescued from a tree.",
                1.0,
                Some(1),
            ),
            (
                "Cat rescued from tree",
                "Stocks fell sharply on Monday.",
                0.0,
                None,
            ),
            (
                "Cat rescued from tree",
                "The cat sat. Stocks fell.",
                1.0 / 3.0,
                Some(0),
            ),
            ("", "Anything at all.", 0.0, None),
            ("Cat", "", 0.0, None),
        ];
        for (claim, body, cov, best) in cases {
            let f = extract(
                &Doc::single(claim),
                &Body::new(Doc::new(body), &FlatIdf),
                &FlatIdf,
            );
            assert_eq!(f.rel.len(), N_REL, "{claim:?} / {body:?}");
            assert_eq!(f.stance.len(), N_STANCE, "{claim:?} / {body:?}");
            assert!(
                (f.rel[0] - cov).abs() < 1e-6,
                "{claim:?} / {body:?}: {}",
                f.rel[0]
            );
            assert_eq!(f.best, best, "{claim:?} / {body:?}");
            assert!(
                f.stance.iter().all(|x| x.is_finite()),
                "{claim:?} / {body:?}"
            );
        }
    }

    #[test]
    fn cue_features_see_refutation() {
        let claim = Doc::single("Cat rescued from tree");
        let refuting = extract(
            &claim,
            &Body::new(
                Doc::new("The story of a cat rescued from a tree is a hoax."),
                &FlatIdf,
            ),
            &FlatIdf,
        );
        let plain = extract(
            &claim,
            &Body::new(Doc::new("A cat was rescued from a tree."), &FlatIdf),
            &FlatIdf,
        );
        // the body-presence feature of REFUTE is the second cue feature
        assert_eq!(refuting.stance[N_REL + 1], 1.0);
        assert_eq!(plain.stance[N_REL + 1], 0.0);
    }
}
