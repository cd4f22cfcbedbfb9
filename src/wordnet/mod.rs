//! TEMPORARY shim until the WordNet table lands (branch `wordnet`): same API, no knowledge.
#![allow(dead_code)]

/// How a second word stands to a first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordRelation {
    Same,
    Synonym,
    Derived,
    Hypernym,
    Hyponym,
    Antonym,
    CoHyponym,
    Unrelated,
}

pub fn relation(a: &str, b: &str) -> WordRelation {
    if a == b {
        WordRelation::Same
    } else {
        WordRelation::Unrelated
    }
}
