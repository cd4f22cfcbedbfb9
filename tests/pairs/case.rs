//! The shape of one minimal pair and the helpers that turn a table row into its two directions.

use corroborate::Relation;

/// Which way round a pair is checked: `Ab` puts the row's first sentence on the page and the
/// second in the source; `Ba` swaps them. A symmetric row (the sentence against itself) is `Ab`
/// only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    Ab,
    Ba,
}

/// One named table test: the page's claim, the source's text, and what the source should be.
#[derive(Clone, Debug)]
pub struct Case {
    /// Unique, `origin/row/direction`.
    pub name: String,
    /// Where the pair comes from: `demo`, `seeds` or `written`.
    pub origin: &'static str,
    /// What kind of difference the pair tests (see `TWO_WAY` in tests/pairs.rs).
    pub category: &'static str,
    pub dir: Dir,
    pub page: String,
    pub source: String,
    /// `Confirms`, `Contradicts` or `Related`; never `Unrelated`.
    pub expected: Relation,
}

/// A written row: name, category of the a→b direction, sentence a, sentence b, the expected
/// relation with a on the page and b as source, and the expected relation the other way round.
pub type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Relation,
    Relation,
);

/// A demo row: like [`Row`], with the transformation that turns a into b written out.
pub type DemoRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Relation,
    Relation,
);

/// The category of the b→a direction. The hypernym, says-less and hedge classes are asymmetric:
/// a source more specific than the page confirms it ("40" backs "up to 40"), a source less
/// specific does not.
pub fn mirror(category: &'static str) -> &'static str {
    match category {
        "hypernym-safe" => "hypernym-unsafe",
        "hypernym-unsafe" => "hypernym-safe",
        "says-less" => "says-more",
        "says-more" => "says-less",
        "hedge" => "hedge-precise",
        "hedge-precise" => "hedge",
        other => other,
    }
}

/// Both directions of one pair, each with its own expected relation.
#[allow(clippy::too_many_arguments)]
pub fn both(
    out: &mut Vec<Case>,
    origin: &'static str,
    name: &str,
    category: &'static str,
    a: &str,
    b: &str,
    ab: Relation,
    ba: Relation,
) {
    out.push(Case {
        name: format!("{origin}/{name}/ab"),
        origin,
        category,
        dir: Dir::Ab,
        page: a.to_string(),
        source: b.to_string(),
        expected: ab,
    });
    out.push(Case {
        name: format!("{origin}/{name}/ba"),
        origin,
        category: mirror(category),
        dir: Dir::Ba,
        page: b.to_string(),
        source: a.to_string(),
        expected: ba,
    });
}

/// A pair that has a single direction (a sentence against itself).
pub fn one(
    out: &mut Vec<Case>,
    origin: &'static str,
    name: &str,
    category: &'static str,
    a: &str,
    b: &str,
    expected: Relation,
) {
    out.push(Case {
        name: format!("{origin}/{name}"),
        origin,
        category,
        dir: Dir::Ab,
        page: a.to_string(),
        source: b.to_string(),
        expected,
    });
}
