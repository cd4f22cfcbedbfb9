//! Stories: the sources grouped by the event they report, so that a page is compared only
//! with the sources of its own story ([`crate::Engine::stories`], [`crate::Engine::story_of`]).
//!
//! # The profile of a source
//!
//! Each source is read once, when it is added, into a *profile*: the stems of its content
//! words (the tokeniser's, without stop words, verbs of saying, numbers, months, weekdays and
//! the words any news story uses: `words::NEWS_COMMON`), each with a weight `1 + ln(count)`;
//! the title's words count twice, and a word that is only ever written capitalised inside a
//! sentence (a name: "Brennholm", "Selkie") weighs [`NAME_WEIGHT`] times as much. Its
//! `published` date is read leniently (ISO 8601, RFC 2822, "19 November 2025"); an unknown
//! date never keeps sources apart.
//!
//! # Grouping
//!
//! When the stories are needed, every profile's terms are weighted by their IDF over the
//! corpus, `ln((n + B + 1) / (df + 1))` with `B` = [`BACKGROUND`] pretend sources that have
//! none of the words (so that the words of a corpus of one story still count), and the
//! [`KEY_TERMS`] heaviest are kept as a unit vector. Two sources are *linked* when the cosine
//! of their vectors reaches [`LINK`] and their dates, when both are known, are at most
//! [`WINDOW_DAYS`] days apart. Candidate pairs come from an inverted index of the vectors'
//! terms, where a term held by more sources than [`COMMON`] pairs each source with only the
//! next [`NEIGHBOURS`] sources that hold it: sources are never compared all with all, and a
//! story of hundreds of sources still chains together. Links join
//! sources strongest first (single linkage, as in Kruskal's algorithm), except that two
//! different explicit labels (`Source::story`) are never joined: sources with one label are one
//! story from the start, and a source without a label joins the labelled story it is most
//! strongly linked with.
//!
//! A page belongs to the story of the source it is closest to, when that cosine reaches
//! [`PAGE_LINK`], or, for a short page (a claim, a headline, a summary: at most
//! [`SHORT_PAGE_TERMS`] terms), when a source's profile holds [`PAGE_HELD`] of the page's
//! weight; otherwise it belongs to none ([`crate::Engine::story_of`] is `None`).
//!
//! ```
//! use corroborate::{Corpus, Engine, Source};
//! let fire = |id: &str, text: &str| Source::new(id, text);
//! let engine = Engine::new(Corpus { sources: vec![
//!     fire("a", "Fire crews fought a blaze at the Brennholm library overnight. The library's \
//!         reading room was destroyed, Brennholm's fire chief Oda Varga said."),
//!     fire("b", "A fire gutted the reading room of Brennholm's public library. Chief Oda Varga \
//!         said crews fought the blaze for six hours."),
//!     fire("c", "Ravensholt Rovers beat Kettle Vale 3-1 at Millbrook Park, with two goals from \
//!         substitute Leo Marsh."),
//! ]})?;
//! let stories = engine.stories();
//! assert_eq!(stories.len(), 2);
//! let story = engine.story_of("The Brennholm library fire destroyed its reading room.").unwrap();
//! assert_eq!(story.sources, ["a", "b"]);
//! assert!(story.id.starts_with("auto:"));
//! assert!(story.label.contains("Brennholm"), "{}", story.label);
//! assert!(engine.story_of("The council approved a new cycle lane on Harbour Road.").is_none());
//! # Ok::<(), corroborate::Error>(())
//! ```

mod date;

use crate::text::{is_stopword, stem, tokenize};
use crate::words;
use serde::Serialize;
use std::collections::HashMap;

/// The grouping, computed when first asked for after a change. Natively a `OnceLock`, so that
/// an engine can be shared between threads; in the browser, which runs the module on one
/// thread, a `OnceCell` (smaller: the module's size has a budget).
#[cfg(not(target_arch = "wasm32"))]
type Lazy<T> = std::sync::OnceLock<T>;
#[cfg(target_arch = "wasm32")]
type Lazy<T> = std::cell::OnceCell<T>;

/// How many days apart two sources' publication dates may be for them to be one story.
pub const WINDOW_DAYS: i32 = 7;

/// How many of a source's heaviest terms make its vector.
pub const KEY_TERMS: usize = 32;

/// The cosine at which two sources are linked into one story.
pub const LINK: f32 = 0.22;

/// The cosine at which a page belongs to the story of its closest source.
pub const PAGE_LINK: f32 = 0.18;

/// A page with at most this many distinct salient terms is short (see [`PAGE_HELD`]).
pub const SHORT_PAGE_TERMS: usize = 24;

/// The share of a short page's weight that a source's profile must hold for the page to
/// belong to that source's story. Measured on FNC-1's competition test (a headline against
/// its article as the only source, `tests/stories.rs`): by the cosine alone, 30% of the
/// headlines the judgement confirms matched no story; with this rule 3.6%, while a headline
/// against another story's article matches 2.1% of the time (0.9% by the cosine alone).
pub const PAGE_HELD: f32 = 0.3;

/// How much more a name weighs than another word.
pub const NAME_WEIGHT: f32 = 2.5;

/// Pretend sources without any of the corpus's words, in the IDF.
pub const BACKGROUND: f32 = 12.0;

/// The longest explicit story label, in characters.
pub const MAX_LABEL_CHARS: usize = 200;

/// How many terms of one source its profile keeps (its heaviest before IDF), to bound memory.
const PROFILE_TERMS: usize = 160;

/// A term held by more sources than this is common: it proposes each source's pairing with
/// only the next [`NEIGHBOURS`] sources that hold it (a fixed number, so that the candidate
/// pairs grow linearly with the corpus: at most `KEY_TERMS × COMMON` per source).
pub const COMMON: usize = 64;

/// How many later holders of a common term each source is paired with: enough for single
/// linkage to chain a story of any size (its own names are common in a big story).
pub const NEIGHBOURS: usize = 8;

/// A story: sources on one event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Story {
    /// `story:` and the slug of the label for an explicit story, `auto:` and 8 hex digits of a
    /// hash of its smallest source id for an automatic one.
    pub id: String,
    /// The explicit label, or the story's two or three most salient shared names and words
    /// joined by " · " ("Brennholm · library · fire").
    pub label: String,
    /// The ids of its sources, in the order they were added.
    pub sources: Vec<String>,
}

/// A story as a report names it: its id and label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StoryRef {
    /// The story's id.
    pub id: String,
    /// The story's label.
    pub label: String,
}

impl From<&Story> for StoryRef {
    fn from(s: &Story) -> StoryRef {
        StoryRef {
            id: s.id.clone(),
            label: s.label.clone(),
        }
    }
}

/// A source's explicit story label, checked: white space trimmed and collapsed; `None` when
/// nothing is left; an error when it is longer than [`MAX_LABEL_CHARS`].
pub(crate) fn clean_label(label: Option<&str>, source: &str) -> crate::Result<Option<String>> {
    let Some(label) = label else { return Ok(None) };
    let clean: Vec<&str> = label.split_whitespace().collect();
    let clean = clean.join(" ");
    if clean.is_empty() {
        return Ok(None);
    }
    if clean.chars().count() > MAX_LABEL_CHARS {
        return Err(crate::Error::new(
            crate::ErrorKind::Corpus,
            format!("source {source:?}: \"story\" is longer than {MAX_LABEL_CHARS} characters"),
        ));
    }
    Ok(Some(clean))
}

/// One source's profile.
#[derive(Clone, Debug)]
struct Profile {
    id: String,
    /// (term, weight before IDF), heaviest first.
    terms: Vec<(u32, f32)>,
    day: Option<i32>,
    label: Option<String>,
}

/// The profiles of the engine's sources and, once asked for, their grouping.
#[derive(Clone, Debug, Default)]
pub(crate) struct Stories {
    /// Term ids by stem.
    ids: HashMap<String, u32>,
    /// How each term is shown in a label: a name as written, another word in lower case.
    shown: Vec<String>,
    /// How many live profiles hold each term.
    df: Vec<u32>,
    /// By the engine's source slot.
    profiles: Vec<Option<Profile>>,
    live: usize,
    grouping: Lazy<Grouping>,
}

/// The stories of the live sources.
#[derive(Clone, Debug, Default)]
struct Grouping {
    stories: Vec<Story>,
    /// The story of each slot (`u32::MAX` for a removed source).
    of_slot: Vec<u32>,
    /// Each slot's unit vector, sorted by term.
    // (read by the stored index's writer only)
    #[cfg_attr(not(feature = "tools"), allow(dead_code))]
    vectors: Vec<Vec<(u32, f32)>>,
    /// The slots whose vector holds each term, with the term's weight there, by term.
    postings: Vec<Vec<(u32, f32)>>,
    /// The slots whose profile holds each term, by term (for short pages).
    held: Vec<Vec<u32>>,
    /// How many candidate pairs were scored (for the tests of linear growth).
    work: usize,
}

/// True for a word that can say which story a text is about.
fn salient(norm: &str) -> bool {
    norm.chars().count() >= 3
        && norm.chars().any(char::is_alphabetic)
        && !norm.starts_with(|c: char| c.is_ascii_digit())
        && !is_stopword(norm)
        && !words::contains(words::NEWS_COMMON, norm)
        && !words::contains(words::SPEECH_VERBS, norm)
        && !words::contains(words::NUMBER_WORDS, norm)
        && crate::facts::month_of(norm).is_none()
        && crate::facts::weekday_of(norm).is_none()
}

/// True when the word at byte `start` of `text` is inside a sentence (after a word or a
/// comma), where a capital says it is a name.
fn inside_sentence(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("");
    before
        .chars()
        .rev()
        .find(|c| !c.is_whitespace() && !matches!(c, '"' | '\'' | '“' | '‘' | '(' | '['))
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | ';' | '’'))
}

/// A term's counts in one text: its stem, how often it occurs (the title's words twice), how
/// often capitalised and in lower case inside a sentence, and its first form.
struct Count {
    stem: String,
    n: u32,
    capital: u32,
    lower: u32,
    form: String,
}

impl Count {
    /// A name: only ever written capitalised inside a sentence.
    fn name(&self) -> bool {
        self.capital > 0 && self.lower == 0
    }

    /// Its weight before IDF.
    fn weight(&self) -> f32 {
        let w = 1.0 + (self.n as f32).ln();
        if self.name() {
            w * NAME_WEIGHT
        } else {
            w
        }
    }
}

/// The salient terms of a title (its words count twice, their case says nothing) and a text,
/// counted, in the order of their stems.
fn count_terms(title: Option<&str>, text: &str) -> Vec<Count> {
    let mut all: Vec<Count> = Vec::new();
    for (part, times, cased) in [(title.unwrap_or(""), 2, false), (text, 1, true)] {
        for t in tokenize(part) {
            if !salient(&t.norm) {
                continue;
            }
            let raw = part.get(t.start..t.end).unwrap_or("");
            let inside = cased && inside_sentence(part, t.start);
            let capital = inside && raw.starts_with(char::is_uppercase);
            all.push(Count {
                stem: stem(&t.norm),
                n: times,
                capital: u32::from(capital),
                lower: u32::from(inside && !capital),
                form: if capital {
                    raw.trim_end_matches(['\'', '’']).to_string()
                } else {
                    t.norm
                },
            });
        }
    }
    // Stable: a term's first form comes first.
    crate::sort::sort_by(&mut all, |a, b| a.stem.cmp(&b.stem));
    let mut out: Vec<Count> = Vec::with_capacity(all.len());
    for c in all {
        match out.last_mut() {
            Some(last) if last.stem == c.stem => {
                last.n += c.n;
                last.lower += c.lower;
                if c.capital > 0 && last.capital == 0 {
                    last.form = c.form;
                }
                last.capital += c.capital;
            }
            _ => out.push(c),
        }
    }
    out
}

/// Heaviest first, ties by term: the order of a profile's and a vector's terms.
fn by_weight(v: &mut [(u32, f32)]) {
    crate::sort::sort_by(v, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
}

/// The IDF of a term held by `df` of `live` profiles.
fn idf(df: u32, live: usize) -> f32 {
    ((live as f32 + BACKGROUND + 1.0) / (df as f32 + 1.0)).ln()
}

/// A unit vector of the heaviest `KEY_TERMS` of (term, weight before IDF), sorted by term,
/// with `df` of `live` profiles holding each term.
fn vector(
    terms: impl Iterator<Item = (u32, f32)>,
    df: &dyn Fn(u32) -> u32,
    live: usize,
) -> Vec<(u32, f32)> {
    let mut v: Vec<(u32, f32)> = terms.map(|(t, w)| (t, w * idf(df(t), live))).collect();
    by_weight(&mut v);
    v.truncate(KEY_TERMS);
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, w) in &mut v {
            *w /= norm;
        }
    }
    crate::sort::sort_unstable_by(&mut v, |a, b| a.0.cmp(&b.0));
    v
}

/// What finding a page's story needs of the grouped sources: the engine's grouping holds it
/// all; a stored index read lazily holds the part a page needs (`crate::store`).
pub(crate) trait Routing {
    /// The id of a term (a stem), when a profile holds it.
    fn term(&self, stem: &str) -> Option<u32>;
    /// How many term ids there are (a page's unknown terms take ids past them).
    fn terms(&self) -> u32;
    /// How many live profiles hold the term.
    fn df(&self, term: u32) -> u32;
    /// How many live profiles there are.
    fn live(&self) -> usize;
    /// The slots whose vector holds the term, with its weight there, in slot order.
    fn vectors(&self, term: u32) -> &[(u32, f32)];
    /// The slots whose profile holds the term.
    fn held(&self, term: u32) -> &[u32];
    /// The story of a slot.
    fn story_of(&self, slot: u32) -> Option<u32>;
}

/// The story a page belongs to (its position among the stories), among the sources whose slot
/// `usable` accepts: that of the source whose vector is closest to the page's, when their
/// cosine reaches [`PAGE_LINK`]; for a short page, also that of a source whose profile holds
/// [`PAGE_HELD`] of the page's weight.
pub(crate) fn route(r: &dyn Routing, page: &str, usable: &dyn Fn(usize) -> bool) -> Option<u32> {
    let v = page_vector(r, &PageTerms::of(page));
    route_vector(r, &v, usable)
}

/// Whether a page of this vector is short (a claim, a headline, a summary): its story may also
/// be that of a source whose profile holds enough of its weight.
pub(crate) fn is_short(v: &[(u32, f32)]) -> bool {
    v.len() <= SHORT_PAGE_TERMS
}

/// A page's salient terms, counted: what [`page_vector`] and [`page_contenders`] read, made
/// once per page (a stored index asks for a page's vector in each round of its shards).
pub(crate) struct PageTerms(Vec<Count>);

impl PageTerms {
    /// The terms of a page's text.
    pub(crate) fn of(page: &str) -> PageTerms {
        PageTerms(count_terms(None, page))
    }
}

/// A page's unit vector over the corpus's story terms, sorted by term.
pub(crate) fn page_vector(r: &dyn Routing, page: &PageTerms) -> Vec<(u32, f32)> {
    // Terms the corpus does not know take ids past its table: they weigh in the page's
    // vector and match nothing.
    let mut unknown = r.terms();
    let terms: Vec<(u32, f32)> = page
        .0
        .iter()
        .map(|c| {
            let id = r.term(&c.stem).unwrap_or_else(|| {
                unknown = unknown.saturating_add(1);
                unknown
            });
            (id, c.weight())
        })
        .collect();
    vector(terms.into_iter(), &|t| r.df(t), r.live())
}

/// The stems of the page's terms that may be among its vector's [`KEY_TERMS`], when the
/// routing may not know every term that one profile holds (a stored index read a page at a
/// time, `crate::store`, knows those that two or more hold; it looks the others up when they
/// may count). A term the routing does not know weighs between what it weighs when one
/// profile holds it and when none does; a term may count when the most it can weigh reaches
/// the `KEY_TERMS`-th heaviest of what the terms weigh at the least (all terms, when there
/// are no more than `KEY_TERMS`).
pub(crate) fn page_contenders<'p>(r: &dyn Routing, page: &'p PageTerms) -> Vec<&'p str> {
    let live = r.live();
    let weighed: Vec<(&str, f32, f32)> = page
        .0
        .iter()
        .map(|c| {
            let w = c.weight();
            match r.term(&c.stem) {
                // As `vector` weighs it.
                Some(t) => {
                    let exact = w * idf(r.df(t), live);
                    (c.stem.as_str(), exact, exact)
                }
                None => (c.stem.as_str(), w * idf(1, live), w * idf(0, live)),
            }
        })
        .collect();
    if weighed.len() <= KEY_TERMS {
        return weighed.into_iter().map(|(s, _, _)| s).collect();
    }
    let mut least: Vec<f32> = weighed.iter().map(|&(_, lo, _)| lo).collect();
    crate::sort::sort_by(&mut least, |a, b| b.total_cmp(a));
    let cut = least[KEY_TERMS - 1];
    weighed
        .into_iter()
        .filter(|&(_, _, hi)| hi >= cut)
        .map(|(s, _, _)| s)
        .collect()
}

/// [`route`] for a page's vector ([`page_vector`]).
pub(crate) fn route_vector(
    r: &dyn Routing,
    v: &[(u32, f32)],
    usable: &dyn Fn(usize) -> bool,
) -> Option<u32> {
    // The cosine with every source that shares a term with the page, summed term by term in
    // the order of the terms (as two sorted vectors' dot product is).
    let mut dot: HashMap<u32, f32> = HashMap::new();
    for &(t, w) in v {
        for &(slot, sw) in r.vectors(t) {
            *dot.entry(slot).or_insert(0.0) += w * sw;
        }
    }
    let mut best: Option<(f32, usize)> = None;
    for (slot, sim) in dot {
        let slot = slot as usize;
        if !usable(slot) {
            continue;
        }
        if best.is_none_or(|(b, s)| sim > b || (sim == b && slot < s)) {
            best = Some((sim, slot));
        }
    }
    // Scores relative to their thresholds: a page belongs to the best source's story when
    // its score reaches 1.
    let mut best = best.map(|(sim, slot)| (sim / PAGE_LINK, slot));
    // A short page (a claim, a headline, a summary) has few words to weigh against an
    // article's many: it also belongs to the story of the source whose profile holds
    // enough of its weight.
    if is_short(v) {
        let total: f32 = v.iter().map(|&(_, w)| w).sum();
        let mut held: HashMap<u32, f32> = HashMap::new();
        for &(t, w) in v {
            for &slot in r.held(t) {
                *held.entry(slot).or_insert(0.0) += w;
            }
        }
        for (slot, acc) in held {
            let slot = slot as usize;
            if !usable(slot) || total <= 0.0 {
                continue;
            }
            let score = acc / total / PAGE_HELD;
            if best.is_none_or(|(b, s)| score > b || (score == b && slot < s)) {
                best = Some((score, slot));
            }
        }
    }
    let (score, slot) = best?;
    if score < 1.0 {
        return None;
    }
    r.story_of(slot as u32)
}

/// The engine's grouping, as routing tables.
struct Grouped<'a>(&'a Stories, &'a Grouping);

impl Routing for Grouped<'_> {
    fn term(&self, stem: &str) -> Option<u32> {
        self.0.ids.get(stem).copied()
    }
    fn terms(&self) -> u32 {
        self.0.shown.len() as u32
    }
    fn df(&self, term: u32) -> u32 {
        self.0.df.get(term as usize).copied().unwrap_or(0)
    }
    fn live(&self) -> usize {
        self.0.live
    }
    fn vectors(&self, term: u32) -> &[(u32, f32)] {
        self.1
            .postings
            .get(term as usize)
            .map_or(&[], Vec::as_slice)
    }
    fn held(&self, term: u32) -> &[u32] {
        self.1.held.get(term as usize).map_or(&[], Vec::as_slice)
    }
    fn story_of(&self, slot: u32) -> Option<u32> {
        self.1
            .of_slot
            .get(slot as usize)
            .copied()
            .filter(|&s| s != u32::MAX)
    }
}

/// The grouping's tables, as the stored index's writer reads them.
#[cfg(feature = "tools")]
pub(crate) struct Tables<'a> {
    /// Each slot's unit vector, sorted by term.
    pub vectors: &'a [Vec<(u32, f32)>],
    /// The slots whose profile holds each term, by term.
    pub held: &'a [Vec<u32>],
    /// The story of each slot.
    pub of_slot: &'a [u32],
    /// Term ids by stem.
    pub ids: &'a HashMap<String, u32>,
    /// How many live profiles hold each term.
    pub df: &'a [u32],
}

impl Stories {
    fn intern(&mut self, term: String, shown: &str, name: bool) -> u32 {
        if let Some(&id) = self.ids.get(&term) {
            if name && !self.shown[id as usize].starts_with(char::is_uppercase) {
                self.shown[id as usize] = shown.to_string();
            }
            return id;
        }
        let id = self.shown.len() as u32;
        self.ids.insert(term, id);
        self.shown.push(shown.to_string());
        self.df.push(0);
        id
    }

    /// Read a source into its profile, at the engine's slot `slot`.
    pub(crate) fn add(&mut self, slot: usize, source: &crate::Source) {
        let counts = count_terms(source.title.as_deref(), &source.text);
        let mut terms: Vec<(u32, f32)> = Vec::with_capacity(counts.len());
        for c in counts {
            let (name, w) = (c.name(), c.weight());
            let shown = if name { c.form } else { c.form.to_lowercase() };
            let id = self.intern(c.stem, &shown, name);
            terms.push((id, w));
        }
        by_weight(&mut terms);
        terms.truncate(PROFILE_TERMS);
        for &(t, _) in &terms {
            self.df[t as usize] += 1;
        }
        if self.profiles.len() <= slot {
            self.profiles.resize(slot + 1, None);
        }
        self.profiles[slot] = Some(Profile {
            id: source.id.clone(),
            terms,
            day: source.published.as_deref().and_then(date::day_number),
            label: source.story.clone(),
        });
        self.live += 1;
        self.grouping = Lazy::new();
    }

    /// Forget the source at `slot`.
    pub(crate) fn remove(&mut self, slot: usize) {
        if let Some(p) = self.profiles.get_mut(slot).and_then(Option::take) {
            for (t, _) in p.terms {
                if let Some(df) = self.df.get_mut(t as usize) {
                    *df = df.saturating_sub(1);
                }
            }
            self.live -= 1;
            self.grouping = Lazy::new();
        }
    }

    /// A unit vector of the heaviest `KEY_TERMS` of (term, weight before IDF), sorted by
    /// term. Terms unknown to the corpus (ids past the table) count as held by no source.
    fn vector(&self, terms: impl Iterator<Item = (u32, f32)>) -> Vec<(u32, f32)> {
        vector(
            terms,
            &|t| self.df.get(t as usize).copied().unwrap_or(0),
            self.live,
        )
    }

    fn grouping(&self) -> &Grouping {
        self.grouping.get_or_init(|| self.group())
    }

    /// The stories of the live sources, in the order of their first source.
    pub(crate) fn stories(&self) -> &[Story] {
        &self.grouping().stories
    }

    /// How many candidate pairs the grouping scored.
    pub(crate) fn work(&self) -> usize {
        self.grouping().work
    }

    /// True when the source at `slot` belongs to the story at `story` (as
    /// [`Stories::story_of_page`] gives it).
    pub(crate) fn in_story(&self, slot: usize, story: u32) -> bool {
        self.grouping().of_slot.get(slot) == Some(&story)
    }

    /// The story a page belongs to, among the sources whose slot `usable` accepts, with its
    /// position among the stories.
    pub(crate) fn story_of_page(
        &self,
        page: &str,
        usable: &dyn Fn(usize) -> bool,
    ) -> Option<(&Story, u32)> {
        let g = self.grouping();
        if g.stories.is_empty() {
            return None;
        }
        let i = route(&Grouped(self, g), page, usable)?;
        Some((g.stories.get(i as usize)?, i))
    }

    /// The routing tables of the grouping, for the stored index: each slot's unit vector
    /// (sorted by term), the slots whose profile holds each term, the story of each slot, and
    /// each term's stem, profile df and id.
    #[cfg(feature = "tools")]
    pub(crate) fn tables(&self) -> Tables<'_> {
        let g = self.grouping();
        Tables {
            vectors: &g.vectors,
            held: &g.held,
            of_slot: &g.of_slot,
            ids: &self.ids,
            df: &self.df,
        }
    }

    /// Group the live sources (see the module's documentation).
    fn group(&self) -> Grouping {
        let n = self.profiles.len();
        let vectors: Vec<Vec<(u32, f32)>> = self
            .profiles
            .iter()
            .map(|p| match p {
                Some(p) => self.vector(p.terms.iter().copied()),
                None => Vec::new(),
            })
            .collect();
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); self.shown.len()];
        for (slot, v) in vectors.iter().enumerate() {
            for &(t, w) in v {
                if let Some(p) = postings.get_mut(t as usize) {
                    p.push((slot as u32, w));
                }
            }
        }
        let mut held: Vec<Vec<u32>> = vec![Vec::new(); self.shown.len()];
        for (slot, p) in self.profiles.iter().enumerate() {
            for &(t, _) in p.iter().flat_map(|p| &p.terms) {
                if let Some(h) = held.get_mut(t as usize) {
                    h.push(slot as u32);
                }
            }
        }
        // Candidate pairs through the terms that discriminate, each pair scored once.
        let cap = COMMON;
        let mut links: Vec<(f32, u32, u32)> = Vec::new();
        let mut stamp = vec![u32::MAX; n];
        let mut work = 0usize;
        for (a, va) in vectors.iter().enumerate() {
            let Some(pa) = &self.profiles[a] else {
                continue;
            };
            for &(t, _) in va {
                let Some(posting) = postings.get(t as usize) else {
                    continue;
                };
                // Postings are in slot order: the later sources only; of a common term's, the
                // next few (single linkage needs a chain through a story, not every pair).
                let later = posting.partition_point(|&(b, _)| b as usize <= a);
                let next = &posting[later..];
                let next = if posting.len() > cap {
                    &next[..next.len().min(NEIGHBOURS)]
                } else {
                    next
                };
                for &(b, _) in next {
                    let b = b as usize;
                    if std::mem::replace(&mut stamp[b], a as u32) == a as u32 {
                        continue;
                    }
                    work += 1;
                    let Some(pb) = &self.profiles[b] else {
                        continue;
                    };
                    if let (Some(x), Some(y)) = (pa.day, pb.day) {
                        if (x - y).abs() > WINDOW_DAYS {
                            continue;
                        }
                    }
                    let sim = cosine(va, &vectors[b]);
                    if sim >= LINK {
                        links.push((sim, a as u32, b as u32));
                    }
                }
            }
        }
        crate::sort::sort_by(&mut links, |x, y| {
            y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2)))
        });

        // Single linkage, strongest first, never joining two labels.
        let mut labels: Vec<&str> = self
            .profiles
            .iter()
            .flatten()
            .filter_map(|p| p.label.as_deref())
            .collect();
        crate::sort::sort(&mut labels);
        labels.dedup();
        let label_of = |p: &Profile| {
            p.label
                .as_deref()
                .and_then(|l| labels.binary_search(&l).ok())
        };
        let mut sets = Sets::new(n);
        let mut label: Vec<Option<usize>> = self
            .profiles
            .iter()
            .map(|p| p.as_ref().and_then(label_of))
            .collect();
        let mut first_of_label: Vec<Option<usize>> = vec![None; labels.len()];
        for (slot, l) in label.iter().enumerate() {
            if let Some(l) = *l {
                match first_of_label[l] {
                    None => first_of_label[l] = Some(slot),
                    Some(first) => {
                        sets.union(first, slot);
                    }
                }
            }
        }
        for (_, a, b) in links {
            let (ra, rb) = (sets.find(a as usize), sets.find(b as usize));
            if ra == rb {
                continue;
            }
            let (la, lb) = (label[ra], label[rb]);
            if la.is_some() && lb.is_some() && la != lb {
                continue;
            }
            let root = sets.union(ra, rb);
            label[root] = la.or(lb);
        }

        // The stories, in the order of their first source.
        let mut of_slot = vec![u32::MAX; n];
        let mut members: Vec<Vec<usize>> = Vec::new();
        let mut story_of_root: Vec<u32> = vec![u32::MAX; n];
        for (slot, profile) in self.profiles.iter().enumerate() {
            if profile.is_none() {
                continue;
            }
            let root = sets.find(slot);
            if story_of_root[root] == u32::MAX {
                story_of_root[root] = members.len() as u32;
                members.push(Vec::new());
            }
            let i = story_of_root[root];
            members[i as usize].push(slot);
            of_slot[slot] = i;
        }
        let mut taken: HashMap<String, u32> = HashMap::new();
        let stories = members
            .iter()
            .map(|m| {
                let profiles: Vec<&Profile> = m
                    .iter()
                    .filter_map(|&s| self.profiles[s].as_ref())
                    .collect();
                let explicit = m
                    .iter()
                    .find_map(|&s| label[sets.find(s)])
                    .and_then(|l| labels.get(l));
                let (id, label) = match explicit {
                    Some(l) => (format!("story:{}", slug(l)), l.to_string()),
                    None => {
                        let smallest = profiles.iter().map(|p| p.id.as_str()).min().unwrap_or("");
                        (
                            format!("auto:{:08x}", fnv1a(smallest)),
                            self.label(m.iter().map(|&s| &vectors[s])),
                        )
                    }
                };
                // Two labels with one slug ("Fire!" and "fire") keep apart ids.
                let n = taken.entry(id.clone()).or_insert(0);
                *n += 1;
                let id = if *n == 1 { id } else { format!("{id}-{n}") };
                Story {
                    id,
                    label,
                    sources: profiles.iter().map(|p| p.id.clone()).collect(),
                }
            })
            .collect();
        Grouping {
            stories,
            of_slot,
            vectors,
            postings,
            held,
            work,
        }
    }

    /// An automatic story's label: its two or three most salient terms, summed over its
    /// sources' vectors (terms that several sources share first), joined by " · ".
    fn label<'v>(&self, vectors: impl Iterator<Item = &'v Vec<(u32, f32)>>) -> String {
        let mut all: Vec<(u32, f32)> = vectors.flatten().copied().collect();
        crate::sort::sort_by(&mut all, |a, b| a.0.cmp(&b.0));
        // (term, summed weight, how many sources hold it)
        let mut ranked: Vec<(u32, f32, u32)> = Vec::new();
        for (t, w) in all {
            match ranked.last_mut() {
                Some(last) if last.0 == t => {
                    last.1 += w;
                    last.2 += 1;
                }
                _ => ranked.push((t, w, 1)),
            }
        }
        crate::sort::sort_by(&mut ranked, |a, b| {
            b.2.min(2)
                .cmp(&a.2.min(2))
                .then(b.1.total_cmp(&a.1))
                .then(a.0.cmp(&b.0))
        });
        // Its most salient name, then its most salient other words ("Brennholm · library ·
        // fire"): three in all, or two when little else is shared.
        let shown = |r: &(u32, f32, u32)| self.shown.get(r.0 as usize).map(String::as_str);
        let is_name =
            |r: &&(u32, f32, u32)| shown(r).is_some_and(|w| w.starts_with(char::is_uppercase));
        let mut chosen: Vec<&(u32, f32, u32)> = ranked.iter().filter(is_name).take(1).collect();
        for r in ranked.iter().filter(|r| !is_name(r)) {
            if chosen.len() == 3 {
                break;
            }
            chosen.push(r);
        }
        for r in ranked.iter() {
            if chosen.len() >= 3 {
                break;
            }
            if !chosen.iter().any(|c| c.0 == r.0) {
                chosen.push(r);
            }
        }
        let top = chosen.first().map_or(0.0, |r| r.1);
        let words: Vec<&str> = chosen
            .iter()
            .enumerate()
            .filter(|(i, r)| *i < 2 || r.1 >= top / 8.0)
            .filter_map(|(_, r)| shown(r))
            .collect();
        if words.is_empty() {
            "untitled story".to_string()
        } else {
            words.join(" · ")
        }
    }
}

/// The cosine of two unit vectors sorted by term.
fn cosine(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.0.cmp(&y.0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += x.1 * y.1;
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

/// A label's slug: lower-case letters and digits, runs of anything else as one `-`.
pub(crate) fn slug(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for c in label.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        // A label of symbols only ("???"): its hash.
        format!("{:08x}", fnv1a(label))
    } else {
        out
    }
}

/// FNV-1a, 32 bits: a small hash that is the same on every platform and in every build.
fn fnv1a(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// Disjoint sets with path halving; the root of a union is the smaller slot.
struct Sets(Vec<usize>);

impl Sets {
    fn new(n: usize) -> Sets {
        Sets((0..n).collect())
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) -> usize {
        let (ra, rb) = (self.find(a), self.find(b));
        let (root, child) = (ra.min(rb), ra.max(rb));
        self.0[child] = root;
        root
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Source;

    fn stories_of(sources: &[Source]) -> Stories {
        let mut s = Stories::default();
        for (i, src) in sources.iter().enumerate() {
            s.add(i, src);
        }
        s
    }

    fn members(s: &Stories) -> Vec<Vec<String>> {
        s.stories().iter().map(|s| s.sources.clone()).collect()
    }

    const FIRE_A: &str = "Fire crews fought a blaze at the Brennholm library overnight. The \
        library's reading room was destroyed, fire chief Oda Varga said.";
    const FIRE_B: &str = "A fire gutted the reading room of the Brennholm public library. Chief \
        Oda Varga said crews fought the blaze for six hours.";
    const MATCH: &str = "Ravensholt Rovers beat Kettle Vale 3-1 at Millbrook Park, with two goals \
        from substitute Leo Marsh.";

    /// The routing of a grouping that does not know the terms one profile holds, or none,
    /// besides those in `told` (as a stored index read a page at a time knows them).
    struct Partial<'a> {
        full: Grouped<'a>,
        told: Vec<String>,
    }

    impl Routing for Partial<'_> {
        fn term(&self, stem: &str) -> Option<u32> {
            let t = self.full.term(stem)?;
            (self.full.df(t) > 1 || self.told.iter().any(|s| s == stem)).then_some(t)
        }
        fn terms(&self) -> u32 {
            self.full.terms()
        }
        fn df(&self, term: u32) -> u32 {
            self.full.df(term)
        }
        fn live(&self) -> usize {
            self.full.live()
        }
        fn vectors(&self, term: u32) -> &[(u32, f32)] {
            self.full.vectors(term)
        }
        fn held(&self, term: u32) -> &[u32] {
            self.full.held(term)
        }
        fn story_of(&self, slot: u32) -> Option<u32> {
            self.full.story_of(slot)
        }
    }

    /// Told the page's contenders, a routing that does not know the rare terms gives the page
    /// the vector the full routing gives (the ids it does not know aside: past the table, in
    /// the same order), for pages whose heaviest terms mix common, rare and unknown ones with
    /// many equal weights.
    #[test]
    fn the_contenders_are_all_a_page_vector_needs_to_know() {
        // Words held by every source (common), by one (rare), and by none (unknown).
        let common = ["harbour", "council", "vote", "bridge", "ferry", "budget"];
        let rare: Vec<String> = (0..60).map(|i| format!("zorvik{i}")).collect();
        let sources: Vec<Source> = (0..6)
            .map(|k| {
                let own: Vec<&str> = rare[k * 10..k * 10 + 10]
                    .iter()
                    .map(String::as_str)
                    .collect();
                Source::new(
                    format!("s{k}"),
                    format!("The {} met. {}.", common.join(" "), own.join(" ")),
                )
            })
            .collect();
        let s = stories_of(&sources);
        let g = s.grouping();
        let vocabulary: Vec<String> = common
            .iter()
            .map(|w| w.to_string())
            .chain(rare.iter().cloned())
            .chain((0..30).map(|i| format!("quellan{i}")))
            .collect();
        let mut checked = 0;
        for seed in 0..200u32 {
            // Each word of a page is there 1 to 3 times, so weights tie and differ.
            let mut words = Vec::new();
            for (i, w) in vocabulary.iter().enumerate() {
                let x = (seed.wrapping_mul(2_654_435_761) ^ (i as u32).wrapping_mul(40_503)) % 7;
                for _ in 0..x.min(3) {
                    words.push(w.as_str());
                }
            }
            let page = PageTerms::of(&words.join(" "));
            let full = Grouped(&s, g);
            let none = Partial {
                full: Grouped(&s, g),
                told: Vec::new(),
            };
            let told = page_contenders(&none, &page)
                .into_iter()
                .map(String::from)
                .collect();
            let partial = Partial {
                full: Grouped(&s, g),
                told,
            };
            let terms = full.terms();
            let key = |v: Vec<(u32, f32)>| -> Vec<(u32, u32)> {
                v.into_iter()
                    .map(|(t, w)| (if t < terms { t } else { u32::MAX }, w.to_bits()))
                    .collect()
            };
            let want = key(page_vector(&full, &page));
            assert_eq!(want, key(page_vector(&partial, &page)), "page {seed}");
            checked += usize::from(want.len() == KEY_TERMS);
        }
        assert!(
            checked > 100,
            "{checked} pages had more terms than a vector keeps"
        );
    }

    #[test]
    fn labels_slugs_and_hashes() {
        assert_eq!(slug("Caldmoor ferry crash"), "caldmoor-ferry-crash");
        assert_eq!(slug("  Fire!  at the library? "), "fire-at-the-library");
        assert_eq!(slug("Пожар в Брэннхольме"), "пожар-в-брэннхольме");
        assert_eq!(slug("???"), format!("{:08x}", fnv1a("???")));
        assert_eq!(fnv1a(""), 0x811c_9dc5);
        assert_eq!(fnv1a("a"), 0xe40c_292c);
        assert_eq!(
            clean_label(Some("  Ferry \n crash "), "a"),
            Ok(Some("Ferry crash".into()))
        );
        assert_eq!(clean_label(Some(" \t"), "a"), Ok(None));
        assert_eq!(clean_label(None, "a"), Ok(None));
        let long = "x".repeat(MAX_LABEL_CHARS + 1);
        let e = clean_label(Some(&long), "a").unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Corpus);
        assert_eq!(
            e.message(),
            "source \"a\": \"story\" is longer than 200 characters"
        );
        assert!(clean_label(Some(&"é".repeat(MAX_LABEL_CHARS)), "a").is_ok());
    }

    #[test]
    fn names_are_told_from_sentence_starts() {
        let text = "Fire broke out. Crews from Brennholm came, and \"Varga\" said so.";
        assert!(!inside_sentence(text, 0));
        assert!(!inside_sentence(text, text.find("Crews").unwrap()));
        assert!(inside_sentence(text, text.find("Brennholm").unwrap()));
        assert!(inside_sentence(text, text.find("Varga").unwrap()));
        assert!(salient("library") && salient("brennholm"));
        for word in [
            "the", "said", "tuesday", "november", "three", "2025", "km", "people",
        ] {
            assert!(!salient(word), "{word}");
        }
    }

    #[test]
    fn grouping_links_a_story_and_leaves_the_rest() {
        let s = stories_of(&[
            Source::new("a", FIRE_A),
            Source::new("m", MATCH),
            Source::new("b", FIRE_B),
        ]);
        assert_eq!(members(&s), [vec!["a", "b"], vec!["m"]]);
        let fire = &s.stories()[0];
        assert_eq!(fire.id, format!("auto:{:08x}", fnv1a("a")));
        let words: Vec<&str> = fire.label.split(" · ").collect();
        assert!((2..=3).contains(&words.len()), "{}", fire.label);
        assert!(
            words.iter().any(|w| *w == "Brennholm" || *w == "Varga"),
            "{}",
            fire.label
        );
        let page = "The Brennholm library lost its reading room to a fire, chief Oda Varga said.";
        let (story, i) = s.story_of_page(page, &|_| true).expect("a story");
        assert_eq!(story.sources, ["a", "b"]);
        assert!(s.in_story(0, i) && s.in_story(2, i) && !s.in_story(1, i));
        // Without the fire's sources, the page has no story.
        assert!(s.story_of_page(page, &|slot| slot == 1).is_none());
        assert!(s
            .story_of_page("A new cycle lane opens on Harbour Road.", &|_| true)
            .is_none());
    }

    #[test]
    fn dates_far_apart_are_two_stories() {
        let dated = |id: &str, text: &str, day: &str| Source {
            published: Some(day.into()),
            ..Source::new(id, text)
        };
        let near = stories_of(&[
            dated("a", FIRE_A, "2025-11-19"),
            dated("b", FIRE_B, "Wed, 26 Nov 2025 08:00:00 GMT"),
        ]);
        assert_eq!(members(&near), [vec!["a", "b"]]);
        let far = stories_of(&[
            dated("a", FIRE_A, "2025-11-19"),
            dated("b", FIRE_B, "2025-11-27"),
        ]);
        assert_eq!(members(&far), [vec!["a"], vec!["b"]]);
        // An unknown date keeps nothing apart.
        let unknown = stories_of(&[
            dated("a", FIRE_A, "2025-11-19"),
            dated("b", FIRE_B, "last week"),
        ]);
        assert_eq!(members(&unknown), [vec!["a", "b"]]);
    }

    #[test]
    fn explicit_labels_are_kept_and_never_merged() {
        let labelled = |id: &str, text: &str, label: &str| Source {
            story: Some(label.into()),
            ..Source::new(id, text)
        };
        // Two labels on one event stay two stories; one label holds unrelated texts.
        let s = stories_of(&[
            labelled("a", FIRE_A, "Library fire"),
            labelled("b", FIRE_B, "Brennholm blaze"),
            labelled("m", MATCH, "Library fire"),
        ]);
        let got: Vec<(String, String, Vec<String>)> = s
            .stories()
            .iter()
            .map(|s| (s.id.clone(), s.label.clone(), s.sources.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "story:library-fire".into(),
                    "Library fire".into(),
                    vec!["a".into(), "m".into()]
                ),
                (
                    "story:brennholm-blaze".into(),
                    "Brennholm blaze".into(),
                    vec!["b".into()]
                ),
            ]
        );
        // A source without a label joins the labelled story it matches.
        let s = stories_of(&[
            labelled("a", FIRE_A, "Library fire"),
            Source::new("b", FIRE_B),
            Source::new("m", MATCH),
        ]);
        assert_eq!(members(&s), [vec!["a", "b"], vec!["m"]]);
        assert_eq!(s.stories()[0].label, "Library fire");
        // Two labels with one slug keep apart ids.
        let s = stories_of(&[
            labelled("a", FIRE_A, "Fire!"),
            labelled("b", FIRE_B, "fire"),
        ]);
        let ids: Vec<&str> = s.stories().iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["story:fire", "story:fire-2"]);
    }

    #[test]
    fn removing_a_source_regroups() {
        let mut s = stories_of(&[Source::new("a", FIRE_A), Source::new("b", FIRE_B)]);
        assert_eq!(members(&s), [vec!["a", "b"]]);
        s.remove(0);
        s.remove(0);
        assert_eq!(members(&s), [vec!["b"]]);
        s.remove(1);
        assert!(s.stories().is_empty());
        assert!(s.story_of_page(FIRE_A, &|_| true).is_none());
    }
}
