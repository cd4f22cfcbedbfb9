//! Inverted index with IDF weighting over the sentences of all sources.
//! (Stub: to be replaced by the full index.)

use std::collections::HashMap;

/// A retrieval hit: an indexed entry, the document it belongs to, and its score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    /// The entry's id, as returned by [`Index::add`].
    pub entry: u32,
    /// The document (source) the entry belongs to.
    pub doc: u32,
    /// IDF-weighted overlap score.
    pub score: f32,
}

/// Inverted index from terms to the entries that contain them.
#[derive(Clone, Debug, Default)]
pub struct Index {
    postings: HashMap<String, Vec<u32>>,
    docs: Vec<u32>,
}

impl Index {
    /// An empty index.
    pub fn new() -> Index {
        Index::default()
    }

    /// Add an entry (a sentence) of document `doc` with its terms; returns the entry's id.
    pub fn add<'a>(&mut self, doc: u32, terms: impl IntoIterator<Item = &'a str>) -> u32 {
        let id = self.docs.len() as u32;
        self.docs.push(doc);
        for t in terms {
            let p = self.postings.entry(t.to_string()).or_default();
            if p.last() != Some(&id) {
                p.push(id);
            }
        }
        id
    }

    /// The inverse document frequency of a term (over entries); unknown terms get the highest.
    pub fn idf(&self, term: &str) -> f32 {
        let n = self.docs.len().max(1) as f32;
        let df = self.postings.get(term).map_or(0, Vec::len).max(1) as f32;
        (n / df).ln() + 1.0
    }

    /// The best `per_doc` entries of each document for a query, best first.
    pub fn search(&self, terms: &[&str], per_doc: usize) -> Vec<Hit> {
        let n = self.docs.len().max(1) as f32;
        let mut scores: HashMap<u32, f32> = HashMap::new();
        for t in terms {
            if let Some(p) = self.postings.get(*t) {
                let idf = (n / p.len() as f32).ln() + 1.0;
                for &e in p {
                    *scores.entry(e).or_default() += idf;
                }
            }
        }
        let mut hits: Vec<Hit> = scores
            .into_iter()
            .map(|(entry, score)| Hit {
                entry,
                doc: self.docs[entry as usize],
                score,
            })
            .collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entry.cmp(&b.entry)));
        let mut per: HashMap<u32, usize> = HashMap::new();
        hits.retain(|h| {
            let c = per.entry(h.doc).or_default();
            *c += 1;
            *c <= per_doc
        });
        hits
    }
}
