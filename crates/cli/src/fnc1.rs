//! The FNC-1 stance data set: loading, the official scoring, and training the built-in stance
//! model. Native only (behind the `cli` feature).
//!
//! FNC-1 pairs a headline (the claim) with a news article body (the source) and labels how the
//! body stands towards the headline: `agree`, `disagree`, `discuss` or `unrelated`, which map to
//! [`Relation::Confirms`], [`Relation::Contradicts`], [`Relation::Related`] and
//! [`Relation::Unrelated`].
//!
//! The score is the official one (`scorer.py`): +0.25 for a correct `unrelated`, +0.25 for
//! any related label on a related pair, and +0.75 more for the exact related label. The
//! relative score divides by the score of the gold labels.
//!
//! The built-in model `model/stance.bin` is what [`train`] produces on the train split:
//! `cargo run --release -p corroborate-cli -- train fnc1 ../shared/data/fnc1 -o model/stance.bin`
//! (deterministic; see `model/README.md`).
//!
//! ```no_run
//! use corroborate_cli::fnc1::{self, Split};
//! let dir = std::path::Path::new("../shared/data/fnc1");
//! let pairs = fnc1::load(dir, Split::Test)?;
//! let report = fnc1::evaluate(&pairs, corroborate::stance);
//! println!("{report}");
//! # Ok::<(), corroborate::Error>(())
//! ```

use corroborate::Relation;
use corroborate::{Error, ErrorKind, Result};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;
use std::path::Path;
use std::sync::Arc;

/// The FNC-1 labels in the scorer's order; index `i` is the label of [`Relation`] number `i`.
pub const LABELS: [&str; 4] = ["agree", "disagree", "discuss", "unrelated"];

/// The four relations in the scorer's label order (agree, disagree, discuss, unrelated).
pub const RELATIONS: [Relation; 4] = [
    Relation::Confirms,
    Relation::Contradicts,
    Relation::Related,
    Relation::Unrelated,
];

/// Which part of FNC-1 to load.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Split {
    /// `train_stances.csv` and `train_bodies.csv`: for fitting and tuning.
    Train,
    /// `competition_test_stances.csv` and `competition_test_bodies.csv`: for measuring only.
    Test,
}

/// One headline–body pair with its gold label.
#[derive(Clone, Debug)]
pub struct Pair {
    /// The headline.
    pub claim: String,
    /// The article body (shared between the pairs of the same body).
    pub body: Arc<str>,
    /// The body's id in the data set.
    pub body_id: u32,
    /// The gold label.
    pub gold: Relation,
}

/// The index of a relation in the scorer's label order.
pub fn label_index(r: Relation) -> usize {
    match r {
        Relation::Confirms => 0,
        Relation::Contradicts => 1,
        Relation::Related => 2,
        Relation::Unrelated => 3,
    }
}

/// The relation of an FNC-1 label (`agree`, `disagree`, `discuss`, `unrelated`).
pub fn parse_label(label: &str) -> Option<Relation> {
    LABELS
        .iter()
        .position(|l| *l == label.trim())
        .and_then(|i| RELATIONS.get(i).copied())
}

fn io_error(path: &Path, e: impl fmt::Display) -> Error {
    Error::new(
        ErrorKind::Io,
        format!("cannot read {}: {e}", path.display()),
    )
}

fn data_error(path: &Path, e: impl fmt::Display) -> Error {
    Error::new(ErrorKind::Data, format!("{}: {e}", path.display()))
}

fn open_csv(path: &Path, want: &[&str]) -> Result<csv::Reader<std::fs::File>> {
    let file = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(file);
    let headers = reader.headers().map_err(|e| data_error(path, e))?;
    let got: Vec<&str> = headers
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}'))
        .collect();
    if got != want {
        return Err(data_error(
            path,
            format!("expected the columns {want:?}, found {got:?}"),
        ));
    }
    Ok(reader)
}

/// Load one split of FNC-1 from `dir` (the folder holding the four CSV files).
///
/// Errors: [`ErrorKind::Io`] when a file is missing or unreadable, [`ErrorKind::Data`] when a
/// file has the wrong columns, a bad body id or label, or a stance refers to a missing body.
pub fn load(dir: &Path, split: Split) -> Result<Vec<Pair>> {
    let (stances, bodies) = match split {
        Split::Train => ("train_stances.csv", "train_bodies.csv"),
        Split::Test => (
            "competition_test_stances.csv",
            "competition_test_bodies.csv",
        ),
    };
    let bodies_path = dir.join(bodies);
    let mut by_id: BTreeMap<u32, Arc<str>> = BTreeMap::new();
    let mut reader = open_csv(&bodies_path, &["Body ID", "articleBody"])?;
    for (line, record) in reader.records().enumerate() {
        let record = record.map_err(|e| data_error(&bodies_path, e))?;
        let id = record.get(0).unwrap_or("").trim();
        let id: u32 = id.parse().map_err(|_| {
            data_error(
                &bodies_path,
                format!("record {}: bad body id {id:?}", line + 1),
            )
        })?;
        by_id.insert(id, Arc::from(record.get(1).unwrap_or("")));
    }
    let stances_path = dir.join(stances);
    let mut reader = open_csv(&stances_path, &["Headline", "Body ID", "Stance"])?;
    let mut pairs = Vec::new();
    for (line, record) in reader.records().enumerate() {
        let record = record.map_err(|e| data_error(&stances_path, e))?;
        let at = |msg: String| data_error(&stances_path, format!("record {}: {msg}", line + 1));
        let id = record.get(1).unwrap_or("").trim();
        let body_id: u32 = id.parse().map_err(|_| at(format!("bad body id {id:?}")))?;
        let label = record.get(2).unwrap_or("");
        let gold = parse_label(label).ok_or_else(|| at(format!("unknown stance {label:?}")))?;
        let body = by_id
            .get(&body_id)
            .cloned()
            .ok_or_else(|| at(format!("body id {body_id} is not in {bodies}")))?;
        pairs.push(Pair {
            claim: record.get(0).unwrap_or("").to_string(),
            body,
            body_id,
            gold,
        });
    }
    if pairs.is_empty() {
        return Err(data_error(&stances_path, "no stances found"));
    }
    Ok(pairs)
}

/// The evaluation of a list of predictions against gold labels, as the official scorer
/// computes it, plus per-class precision, recall and F1.
#[derive(Clone, Debug, PartialEq)]
pub struct Fnc1Report {
    /// Number of pairs.
    pub pairs: usize,
    /// The score of the predictions.
    pub score: f64,
    /// The score of the gold labels (the maximum).
    pub max_score: f64,
    /// The score of predicting `unrelated` everywhere.
    pub null_score: f64,
    /// `100 * score / max_score`.
    pub relative: f64,
    /// Fraction of exactly right labels.
    pub accuracy: f64,
    /// Confusion matrix: rows gold, columns predicted, order agree, disagree, discuss, unrelated.
    pub confusion: [[usize; 4]; 4],
    /// Per-class precision, in label order.
    pub precision: [f64; 4],
    /// Per-class recall, in label order.
    pub recall: [f64; 4],
    /// Per-class F1, in label order.
    pub f1: [f64; 4],
    /// Mean of the four F1s.
    pub macro_f1: f64,
}

impl Fnc1Report {
    /// Score gold and predicted labels given as pairs.
    ///
    /// ```
    /// use corroborate::Relation::*;
    /// use corroborate_cli::fnc1::Fnc1Report;
    /// let r = Fnc1Report::from_labels([(Confirms, Related), (Unrelated, Unrelated)]);
    /// assert_eq!(r.score, 0.5);
    /// assert_eq!(r.max_score, 1.25);
    /// ```
    pub fn from_labels(labels: impl IntoIterator<Item = (Relation, Relation)>) -> Fnc1Report {
        let mut confusion = [[0usize; 4]; 4];
        let mut score = 0.0;
        let mut max_score = 0.0;
        let mut null_score = 0.0;
        let mut pairs = 0;
        for (gold, pred) in labels {
            pairs += 1;
            let (g, p) = (label_index(gold), label_index(pred));
            if g == p {
                score += 0.25;
                if g != 3 {
                    score += 0.5;
                }
            }
            if g != 3 && p != 3 {
                score += 0.25;
            }
            if g == 3 {
                null_score += 0.25;
                max_score += 0.25;
            } else {
                max_score += 1.0;
            }
            if let Some(cell) = confusion.get_mut(g).and_then(|row| row.get_mut(p)) {
                *cell += 1;
            }
        }
        let mut precision = [0.0; 4];
        let mut recall = [0.0; 4];
        let mut f1 = [0.0; 4];
        let mut hits = 0;
        for c in 0..4 {
            let tp = confusion[c][c];
            hits += tp;
            let predicted: usize = confusion.iter().map(|row| row[c]).sum();
            let gold: usize = confusion[c].iter().sum();
            precision[c] = ratio(tp, predicted);
            recall[c] = ratio(tp, gold);
            let sum = precision[c] + recall[c];
            f1[c] = if sum > 0.0 {
                2.0 * precision[c] * recall[c] / sum
            } else {
                0.0
            };
        }
        Fnc1Report {
            pairs,
            score,
            max_score,
            null_score,
            relative: if max_score > 0.0 {
                100.0 * score / max_score
            } else {
                0.0
            },
            accuracy: ratio(hits, pairs),
            confusion,
            precision,
            recall,
            f1,
            macro_f1: f1.iter().sum::<f64>() / 4.0,
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl fmt::Display for Fnc1Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = "-".repeat(61);
        writeln!(f, "CONFUSION MATRIX (rows gold, columns predicted):")?;
        writeln!(f, "{line}")?;
        writeln!(
            f,
            "|{:^11}|{:^11}|{:^11}|{:^11}|{:^11}|",
            "", LABELS[0], LABELS[1], LABELS[2], LABELS[3]
        )?;
        writeln!(f, "{line}")?;
        for (label, row) in LABELS.iter().zip(&self.confusion) {
            writeln!(
                f,
                "|{:^11}|{:^11}|{:^11}|{:^11}|{:^11}|",
                label, row[0], row[1], row[2], row[3]
            )?;
            writeln!(f, "{line}")?;
        }
        writeln!(f, "ACCURACY: {:.3}   PAIRS: {}", self.accuracy, self.pairs)?;
        writeln!(f)?;
        writeln!(f, "||    MAX    ||    NULL   ||    TEST   ||")?;
        writeln!(
            f,
            "||{:^11}||{:^11}||{:^11}||",
            self.max_score, self.null_score, self.score
        )?;
        writeln!(f, "RELATIVE SCORE: {:.2}%", self.relative)?;
        writeln!(f)?;
        writeln!(f, "| class     | precision | recall |   F1   |")?;
        for (c, label) in LABELS.iter().enumerate() {
            writeln!(
                f,
                "| {:<9} |   {:.3}   | {:.3}  | {:.3}  |",
                label, self.precision[c], self.recall[c], self.f1[c]
            )?;
        }
        write!(f, "MACRO-F1: {:.4}", self.macro_f1)
    }
}

/// Judge every pair with `judge(claim, body)` and score the result.
///
/// ```
/// use corroborate::Relation;
/// use corroborate_cli::fnc1::{evaluate, Pair};
/// let pairs = [Pair { claim: "A cat".into(), body: "A cat sat.".into(), body_id: 1, gold: Relation::Related }];
/// let report = evaluate(&pairs, |_, _| Relation::Related);
/// assert_eq!(report.relative, 100.0);
/// ```
pub fn evaluate(pairs: &[Pair], judge: impl Fn(&str, &str) -> Relation) -> Fnc1Report {
    Fnc1Report::from_labels(pairs.iter().map(|p| (p.gold, judge(&p.claim, &p.body))))
}

/// Prepared bodies by body id, each with the text it was prepared from.
type Bodies = BTreeMap<u32, (Arc<str>, corroborate::PreparedSource)>;

/// The prepared body of a pair: a body shared by many pairs is prepared (tokenised) once.
fn prepared<'c>(cache: &'c mut Bodies, p: &Pair) -> &'c corroborate::PreparedSource {
    let slot = cache
        .entry(p.body_id)
        .or_insert_with(|| (p.body.clone(), corroborate::PreparedSource::new(&p.body)));
    if !Arc::ptr_eq(&slot.0, &p.body) && *slot.0 != *p.body {
        *slot = (p.body.clone(), corroborate::PreparedSource::new(&p.body));
    }
    &slot.1
}

/// Judge every pair with the built-in model, as `evaluate(pairs, corroborate::stance)` would,
/// but preparing each body once (a body shared by many pairs is tokenised once), and score
/// the result.
pub fn evaluate_stance(pairs: &[Pair]) -> Fnc1Report {
    let mut cache = Bodies::new();
    let mut labels = Vec::with_capacity(pairs.len());
    for p in pairs {
        let relation = corroborate::stance_prepared(&p.claim, prepared(&mut cache, p)).relation;
        labels.push((p.gold, relation));
    }
    Fnc1Report::from_labels(labels)
}

/// A minimal pair made from a train pair (see [`minimal_pairs`]): the pair's headline with
/// one word swapped, against the same body.
#[derive(Clone, Debug)]
pub struct MinimalPair {
    /// How it was made: `antonym`, `cohyponym`, `entity`, `number` (contradictions),
    /// `synonym`, `inflection` (paraphrases).
    pub kind: &'static str,
    /// The headline it was made from.
    pub original: String,
    /// The pair itself: the new headline, the original's body and the new label.
    pub pair: Pair,
}

/// The kinds of swap that contradict the original headline.
pub const CONTRADICTING_SWAPS: [&str; 4] = ["antonym", "cohyponym", "entity", "number"];
/// The kinds of swap that keep its meaning.
pub const PARAPHRASING_SWAPS: [&str; 2] = ["synonym", "inflection"];

/// 64-bit FNV-1a, for the generator's fixed choices.
fn fnv(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain([0xff]) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// `word` written in the case pattern of `like` (all capitals, a capital first letter, or
/// as it is).
fn recase(word: &str, like: &str) -> String {
    let letters: Vec<char> = like.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return word.to_uppercase();
    }
    match (like.chars().next(), word.chars().next()) {
        (Some(l), Some(w)) if l.is_uppercase() => {
            let mut out: String = w.to_uppercase().collect();
            out.push_str(word.get(w.len_utf8()..).unwrap_or(""));
            out
        }
        _ => word.to_string(),
    }
}

/// A plain lower-case word (letters and inner hyphens), as a replacement must be.
fn plain_word(w: &str) -> bool {
    w.len() >= 3
        && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
        && !w.starts_with('-')
        && !w.ends_with('-')
}

/// Another number in place of `n` (digits only): small counts move by a few, others double,
/// years move by one or two.
fn other_number(n: &str, h: u64) -> Option<String> {
    if n.is_empty() || n.len() > 9 || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: u64 = n.parse().ok()?;
    let w = if (1900..=2099).contains(&v) && n.len() == 4 {
        if h % 2 == 0 {
            v + 1
        } else {
            v - 2
        }
    } else if v < 10 {
        v + 2 + h % 5
    } else {
        v * 2 + if h % 2 == 0 { 0 } else { v / 2 }
    };
    (w != v).then(|| w.to_string())
}

/// The body's words, as the generator reads them: each distinct lower-case form with
/// whether it ever appears capitalised after a sentence's first word and whether it always
/// does, in first-seen order.
struct BodyWords {
    words: Vec<(String, bool, bool)>,
}

impl BodyWords {
    fn new(body: &str) -> BodyWords {
        let mut words: Vec<(String, bool, bool)> = Vec::new();
        for r in corroborate::sentences(body) {
            let Some(text) = body.get(r) else { continue };
            for (i, t) in corroborate::tokenize(text).iter().enumerate() {
                let cap = text
                    .get(t.start..)
                    .and_then(|s| s.chars().next())
                    .is_some_and(char::is_uppercase);
                let mid_cap = cap && i > 0;
                match words.iter_mut().find(|(w, _, _)| *w == t.norm) {
                    Some((_, any, all)) => {
                        *any |= mid_cap;
                        *all &= cap;
                    }
                    None => words.push((t.norm.clone(), mid_cap, cap)),
                }
            }
        }
        BodyWords { words }
    }

    fn contains(&self, w: &str) -> bool {
        self.words.iter().any(|(x, _, _)| x == w)
    }

    /// Whether the body writes the word capitalised wherever it has it.
    fn is_name(&self, w: &str) -> bool {
        self.words.iter().any(|(x, _, all)| x == w && *all)
    }

    /// Names: words the body writes capitalised (always, and at least once mid-sentence).
    fn names(&self) -> impl Iterator<Item = &str> {
        self.words
            .iter()
            .filter(|(w, any, all)| *any && *all && w.len() >= 3 && !corroborate::is_stopword(w))
            .map(|(w, _, _)| w.as_str())
    }
}

/// The replacement candidates of one kind for a headline word `norm` (written `raw`).
fn candidates(
    kind: &str,
    norm: &str,
    raw: &str,
    body: &BodyWords,
    vocabulary: &BTreeSet<String>,
    h: u64,
) -> Vec<String> {
    use corroborate::wordnet::{is_known, neighbours, relation, WordRelation};
    let cap = raw.chars().next().is_some_and(char::is_uppercase);
    // WordNet swaps are for common words in their base form (a swapped inflected word would
    // lose its inflection), never for a name.
    let base = |w: &str| corroborate::wordnet::lemmas(w).contains(&w);
    let common = !body.is_name(norm) && base(norm);
    match kind {
        "antonym" | "synonym" | "cohyponym" if !common => Vec::new(),
        "antonym" => neighbours(norm)
            .antonyms
            .into_iter()
            .filter(|w| {
                plain_word(w)
                    && vocabulary.contains(w)
                    && relation(norm, w) == WordRelation::Antonym
            })
            .collect(),
        "synonym" => neighbours(norm)
            .synonyms
            .into_iter()
            .filter(|w| {
                plain_word(w)
                    && vocabulary.contains(w)
                    && relation(norm, w) == WordRelation::Synonym
            })
            .collect(),
        "cohyponym" => body
            .words
            .iter()
            .map(|(w, _, _)| w)
            .filter(|w| {
                plain_word(w)
                    && !body.is_name(w)
                    && base(w)
                    && relation(norm, w) == WordRelation::CoHyponym
            })
            .cloned()
            .collect(),
        "inflection" => body
            .words
            .iter()
            .map(|(w, _, _)| w)
            .filter(|w| plain_word(w) && *w != norm && relation(norm, w) == WordRelation::Same)
            .cloned()
            .collect(),
        "entity" if cap && body.names().any(|n| n == norm) => body
            .names()
            .filter(|n| *n != norm && is_known(n) == is_known(norm))
            .map(str::to_string)
            .collect(),
        "number" => other_number(norm, h).into_iter().collect(),
        _ => Vec::new(),
    }
}

/// The swaps of one kind in a headline: (new headline) for at most one word, chosen with `h`
/// among the headline's content words that the body also has.
fn swap(
    kind: &str,
    claim: &str,
    body: &BodyWords,
    vocabulary: &BTreeSet<String>,
    h: u64,
) -> Option<String> {
    let tokens = corroborate::tokenize(claim);
    let norms: Vec<&str> = tokens.iter().map(|t| t.norm.as_str()).collect();
    let mut options: Vec<(usize, String)> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let numeric = t.is_numeric();
        if (kind == "number") != numeric || corroborate::is_stopword(&t.norm) {
            continue;
        }
        if !numeric && t.norm.len() < 3 || !body.contains(&t.norm) {
            continue;
        }
        let raw = claim.get(t.start..t.end).unwrap_or("");
        for c in candidates(kind, &t.norm, raw, body, vocabulary, h) {
            if !norms.contains(&c.as_str()) {
                options.push((i, c));
            }
        }
    }
    if options.is_empty() {
        return None;
    }
    let (i, word) = options.get((h % options.len() as u64) as usize)?;
    let t = tokens.get(*i)?;
    let raw = claim.get(t.start..t.end)?;
    Some(format!(
        "{}{}{}",
        claim.get(..t.start)?,
        recase(word, raw),
        claim.get(t.end..)?
    ))
}

/// Minimal pairs generated from train pairs, deterministically (fixed choices by hashing the
/// headline, the body id and the kind; pairs in input order).
///
/// For each `agree` pair, one contradiction: the headline with a word the body also has
/// swapped for a WordNet antonym, a co-hyponym from the body ("cat" for "dog"), another name
/// the body writes, or another number, the kind chosen in turn among those that apply; it is
/// labelled `disagree`. For each `agree` and `disagree` pair, one paraphrase: a word swapped
/// for a WordNet synonym (of its first sense) or for another inflection the body uses
/// ("killed" for "kills"); it keeps the pair's label. A WordNet replacement must be a word
/// some body of `pairs` uses, and WordNet swaps leave names and inflected words alone. `discuss` and `unrelated` pairs give
/// nothing. Give it train pairs to make training data; [`counter_claims`] gives it test
/// pairs to measure.
pub fn minimal_pairs(pairs: &[Pair]) -> Vec<MinimalPair> {
    let mut out = Vec::new();
    let mut bodies: BTreeMap<u32, BodyWords> = BTreeMap::new();
    // A WordNet replacement must be a word the bodies use (not "ordinal" for "one").
    let mut vocabulary: BTreeSet<String> = BTreeSet::new();
    let mut seen: BTreeSet<u32> = BTreeSet::new();
    for p in pairs {
        if seen.insert(p.body_id) {
            vocabulary.extend(corroborate::tokenize(&p.body).into_iter().map(|t| t.norm));
        }
    }
    for p in pairs {
        if !matches!(p.gold, Relation::Confirms | Relation::Contradicts) {
            continue;
        }
        let body = bodies
            .entry(p.body_id)
            .or_insert_with(|| BodyWords::new(&p.body));
        let id = p.body_id.to_string();
        let mut make = |kinds: &[&'static str], gold: Relation, tag: &str| {
            let h = fnv(&[&p.claim, &id, tag]);
            let n = kinds.len() as u64;
            for k in 0..n {
                let Some(&kind) = kinds.get(((h + k) % n) as usize) else {
                    continue;
                };
                let h = fnv(&[&p.claim, &id, kind]);
                if let Some(claim) = swap(kind, &p.claim, body, &vocabulary, h) {
                    out.push(MinimalPair {
                        kind,
                        original: p.claim.clone(),
                        pair: Pair {
                            claim,
                            body: p.body.clone(),
                            body_id: p.body_id,
                            gold,
                        },
                    });
                    return;
                }
            }
        };
        if p.gold == Relation::Confirms {
            make(&CONTRADICTING_SWAPS, Relation::Contradicts, "contradiction");
        }
        make(&PARAPHRASING_SWAPS, p.gold, "paraphrase");
    }
    out
}

/// How the judgement answers the `agree` headlines of a split and the minimal pairs made
/// from them ([`minimal_pairs`]): a stand-in, on FNC-1, for the claim / counter-claim check
/// the project cannot see (a ✓ must stay on true claims and leave claims with one word
/// swapped). Rows: `original` (the agree headlines), then each kind of swap.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CounterReport {
    /// Per row: its name and the count of each answer, in label order (confirms, contradicts,
    /// related, unrelated).
    pub rows: Vec<(&'static str, [usize; 4])>,
}

impl CounterReport {
    /// The share of a row's pairs that the judgement confirmed, 0 to 1 (0 for an empty row).
    pub fn confirmed(&self, row: &str) -> f64 {
        self.rows
            .iter()
            .find(|(name, _)| *name == row)
            .map_or(0.0, |(_, c)| {
                let n: usize = c.iter().sum();
                if n == 0 {
                    0.0
                } else {
                    c[0] as f64 / n as f64
                }
            })
    }

    /// All the contradicting swaps together, as one row's counts.
    pub fn counter_claims(&self) -> [usize; 4] {
        let mut sum = [0; 4];
        for (name, c) in &self.rows {
            if CONTRADICTING_SWAPS.contains(name) {
                for (s, v) in sum.iter_mut().zip(c) {
                    *s += v;
                }
            }
        }
        sum
    }
}

impl fmt::Display for CounterReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<22} {:>6} {:>9} {:>11} {:>8} {:>9} {:>10}",
            "headlines", "pairs", "confirms", "contradicts", "related", "unrelated", "confirmed"
        )?;
        let mut line = |name: &str, c: &[usize; 4]| {
            let n: usize = c.iter().sum();
            let share = if n == 0 {
                0.0
            } else {
                100.0 * c[0] as f64 / n as f64
            };
            writeln!(
                f,
                "{name:<22} {n:>6} {:>9} {:>11} {:>8} {:>9} {share:>9.1}%",
                c[0], c[1], c[2], c[3]
            )
        };
        for (name, c) in &self.rows {
            line(name, c)?;
        }
        line("all counter-claims", &self.counter_claims())
    }
}

/// The `n` sentences of `body` that share the most distinct retrieval terms with `headline`,
/// in the body's order: a claim's evidence, as a claim-and-evidence data set gives it (a few
/// sentences, not the article). Ties go to the earlier sentence; deterministic.
///
/// ```
/// use corroborate_cli::fnc1::evidence;
/// let body = "The weather was mild. Five people were hurt in a Lyon fire. A bakery burned.";
/// assert_eq!(evidence(body, "Five hurt in Lyon fire", 1), "Five people were hurt in a Lyon fire.");
/// ```
pub fn evidence(body: &str, headline: &str, n: usize) -> String {
    // The retrieval's terms of each text.
    let words = |t: &str| -> HashSet<String> {
        corroborate::terms(&corroborate::tokenize(t))
            .into_iter()
            .collect()
    };
    let claim = words(headline);
    let spans = corroborate::sentences(body);
    let mut scored: Vec<(usize, usize)> = spans
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            body.get(r.clone())
                .map(|t| (i, words(t).intersection(&claim).count()))
        })
        .filter(|&(_, shared)| shared > 0)
        .collect();
    scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.truncate(n);
    scored.sort_unstable();
    scored
        .iter()
        .filter_map(|&(i, _)| spans.get(i).and_then(|r| body.get(r.clone())))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Judge the `agree` headlines of `pairs` and the minimal pairs made from them through
/// `judge` (the CLI passes [`corroborate::stance`]), counting each answer per row. With
/// `evidence_sentences`, each body is first cut to that many sentences closest to the
/// original headline ([`evidence`]); the original and its swaps are judged against the same
/// sentences.
pub fn counter_claims(
    pairs: &[Pair],
    evidence_sentences: Option<usize>,
    judge: impl Fn(&str, &str) -> Relation,
) -> CounterReport {
    let agree: Vec<Pair> = pairs
        .iter()
        .filter(|p| p.gold == Relation::Confirms)
        .cloned()
        .collect();
    // The swaps are made from the whole article (the names and words it uses); each is judged
    // against the same evidence as its original, cut once per headline.
    let cut: HashMap<(u32, &str), String> = match evidence_sentences {
        Some(n) => agree
            .iter()
            .map(|p| {
                (
                    (p.body_id, p.claim.as_str()),
                    evidence(&p.body, &p.claim, n),
                )
            })
            .collect(),
        None => HashMap::new(),
    };
    let source = |p: &Pair, original: &str| -> Arc<str> {
        match cut.get(&(p.body_id, original)) {
            Some(e) => Arc::from(e.as_str()),
            None => Arc::clone(&p.body),
        }
    };
    let mut rows: Vec<(&'static str, [usize; 4])> = std::iter::once("original")
        .chain(CONTRADICTING_SWAPS)
        .chain(PARAPHRASING_SWAPS)
        .map(|k| (k, [0; 4]))
        .collect();
    let mut count = |row: &str, r: Relation| {
        if let Some((_, c)) = rows.iter_mut().find(|(name, _)| *name == row) {
            if let Some(slot) = c.get_mut(label_index(r)) {
                *slot += 1;
            }
        }
    };
    for p in &agree {
        count("original", judge(&p.claim, &source(p, &p.claim)));
    }
    for m in minimal_pairs(&agree) {
        count(m.kind, judge(&m.pair.claim, &source(&m.pair, &m.original)));
    }
    CounterReport { rows }
}

/// The minimal pairs as tab-separated lines with a header: kind, label, body id, original
/// headline, new headline (tabs and line breaks in a headline become spaces).
pub fn minimal_pairs_tsv(pairs: &[MinimalPair]) -> String {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let mut out = String::from("kind\tlabel\tbody_id\toriginal\tclaim\n");
    for m in pairs {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\n",
            m.kind,
            LABELS.get(label_index(m.pair.gold)).copied().unwrap_or(""),
            m.pair.body_id,
            clean(&m.original),
            clean(&m.pair.claim)
        ));
    }
    out
}

/// Train the stance model on the FNC-1 train split in `dir` and return the model file's bytes
/// (what `model/stance.bin` holds). Deterministic: the same data gives the same bytes.
pub fn train(dir: &Path) -> Result<Vec<u8>> {
    let pairs = load(dir, Split::Train)?;
    Ok(train_pairs(&pairs, &mut |_| {}).0)
}

/// Train on `pairs` (which must only come from the train split) and return the model bytes and
/// the cross-validated report on the training pairs (out-of-fold predictions, folds split by
/// story so that no body and no headline is on both sides, judged as `stance` judges: the
/// model's reading settled with the sentences' own, see [`corroborate::tools::settle`]). `log`
/// receives progress lines.
pub fn train_pairs(pairs: &[Pair], log: &mut dyn FnMut(&str)) -> (Vec<u8>, Fnc1Report) {
    // What the sentences alone say of each pair (the engine does not use the model).
    let mut prepared_bodies = Bodies::new();
    let mut sentence = Vec::with_capacity(pairs.len());
    let mut count = Vec::with_capacity(pairs.len());
    for p in pairs {
        let source = prepared(&mut prepared_bodies, p);
        let (r, n) = (
            corroborate::tools::sentence_relation(&p.claim, source),
            source.sentence_count(),
        );
        sentence.push(label_index(r));
        count.push(n);
    }
    drop(prepared_bodies);
    log("sentence relations done");
    // The generated pairs are fitted on only with a weight (see `Config::synthetic_weight`).
    let made = if crate::train::Config::default().synthetic_weight > 0.0 {
        minimal_pairs(pairs)
    } else {
        Vec::new()
    };
    log(&format!("{} generated minimal pairs to fit on", made.len()));
    let examples: Vec<crate::train::Example> = pairs
        .iter()
        .zip(sentence.iter().zip(&count))
        .map(|(p, (&s, &n))| crate::train::Example {
            claim: &p.claim,
            body: &p.body,
            body_id: p.body_id,
            gold: label_index(p.gold),
            sentence: s,
            stands: corroborate::tools::contradiction_stands(&p.claim, &p.body),
            sentences: n,
            synthetic: false,
        })
        .chain(made.iter().map(|m| crate::train::Example {
            claim: &m.pair.claim,
            body: &m.pair.body,
            body_id: m.pair.body_id,
            gold: label_index(m.pair.gold),
            sentence: label_index(Relation::Unrelated),
            stands: true,
            sentences: 0,
            synthetic: true,
        }))
        .collect();
    let (bytes, oof) = crate::train::train(&examples, log);
    let report = Fnc1Report::from_labels(pairs.iter().zip(&oof).map(|(p, &o)| {
        (
            p.gold,
            RELATIONS.get(o).copied().unwrap_or(Relation::Unrelated),
        )
    }));
    (bytes, report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Relation::*;

    #[test]
    fn evidence_keeps_the_closest_sentences_in_order() {
        let body = "Rain fell on Paris. The mayor of Lyon opened a bridge on Monday. \
                    The bridge cost 4 million euros. Traffic in Lyon was heavy.";
        let claim = "Lyon mayor opens 4 million euro bridge";
        // "mayor", "lyon", "bridge" (3) and "bridge", "4", "million", "euro" (4): both, in the
        // body's order; the rain sentence shares nothing.
        assert_eq!(
            evidence(body, claim, 2),
            "The mayor of Lyon opened a bridge on Monday. The bridge cost 4 million euros."
        );
        // More sentences asked for than share a word: only those that do.
        assert_eq!(evidence(body, claim, 10).matches('.').count(), 3);
        assert_eq!(evidence("", claim, 3), "");
        assert_eq!(evidence(body, "", 3), "");
    }

    #[test]
    fn scorer_arithmetic_table() {
        // (gold, predicted) lists with hand-computed score, max and null.
        type Case<'a> = (&'a [(Relation, Relation)], f64, f64, f64);
        let cases: &[Case] = &[
            (&[(Unrelated, Unrelated)], 0.25, 0.25, 0.25),
            (&[(Unrelated, Related)], 0.0, 0.25, 0.25),
            (&[(Confirms, Confirms)], 1.0, 1.0, 0.0),
            (&[(Confirms, Contradicts)], 0.25, 1.0, 0.0),
            (&[(Related, Unrelated)], 0.0, 1.0, 0.0),
            (
                &[
                    (Contradicts, Contradicts),
                    (Related, Confirms),
                    (Unrelated, Unrelated),
                    (Unrelated, Contradicts),
                ],
                1.5,
                2.5,
                0.5,
            ),
            (&[], 0.0, 0.0, 0.0),
        ];
        for (labels, score, max, null) in cases {
            let r = Fnc1Report::from_labels(labels.iter().copied());
            assert_eq!(
                (r.score, r.max_score, r.null_score),
                (*score, *max, *null),
                "{labels:?}"
            );
            assert_eq!(r.pairs, labels.len(), "{labels:?}");
        }
    }

    #[test]
    fn f1_and_confusion() {
        // gold agree x2, disagree x1, unrelated x1; predicted agree, discuss, disagree, agree
        let r = Fnc1Report::from_labels([
            (Confirms, Confirms),
            (Confirms, Related),
            (Contradicts, Contradicts),
            (Unrelated, Confirms),
        ]);
        assert_eq!(r.confusion[0], [1, 0, 1, 0]);
        assert_eq!(r.confusion[3], [1, 0, 0, 0]);
        let cases = [
            (0, 0.5, 0.5, 0.5),
            (1, 1.0, 1.0, 1.0),
            (2, 0.0, 0.0, 0.0),
            (3, 0.0, 0.0, 0.0),
        ];
        for (c, p, rec, f) in cases {
            assert!((r.precision[c] - p).abs() < 1e-12, "precision {c}");
            assert!((r.recall[c] - rec).abs() < 1e-12, "recall {c}");
            assert!((r.f1[c] - f).abs() < 1e-12, "f1 {c}");
        }
        assert!((r.macro_f1 - 0.375).abs() < 1e-12);
        // score: 1 + 0.25 + 1 + 0 = 2.25 of 3.25
        assert!((r.score - 2.25).abs() < 1e-12);
        assert!((r.relative - 100.0 * 2.25 / 3.25).abs() < 1e-9);
        assert!((r.accuracy - 0.5).abs() < 1e-12);
    }

    #[test]
    fn labels_round_trip() {
        for (i, l) in LABELS.iter().enumerate() {
            let r = parse_label(l);
            assert_eq!(r.map(label_index), Some(i), "{l}");
        }
        assert_eq!(parse_label("maybe"), None);
    }

    #[test]
    fn missing_folder_is_an_io_error() {
        let err = load(Path::new("/nonexistent/fnc1"), Split::Test).err();
        assert_eq!(err.map(|e| e.kind()), Some(ErrorKind::Io));
    }
}
