//! The checkable slots of a sentence: numbers, hedges, dates, names, roles, quotes, negation.
//! (Stub: to be replaced by the full extractor.)

use serde::Serialize;

/// The facts found in one sentence.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Facts {
    /// Numbers in digits or words, as values.
    pub numbers: Vec<f64>,
}

impl Facts {
    /// Extract the facts of one sentence.
    pub fn extract(text: &str) -> Facts {
        let numbers = crate::text::tokenize(text)
            .iter()
            .filter(|t| t.is_numeric())
            .filter_map(|t| t.norm.parse().ok())
            .collect();
        Facts { numbers }
    }
}
