//! The engine: a corpus of sources, indexed once, and each page taken through the pipeline
//! against it: its sentences and claims, the facts of each, retrieval of candidate source
//! sentences, their alignment and judgement, and each claim's verdict.

use crate::alignment::align;
use crate::claims::{claim_terms, extract_claims, terms, Claim};
use crate::error::{Error, ErrorKind, Result};
use crate::facts::Facts;
use crate::judgement::{judge, Elsewhere, Read, Relation, Words, THRESHOLDS};
use crate::retrieval::{Hit, Index};
use crate::stories::{Stories, Story, StoryRef};
use crate::text::source::{Corpus, Source};
use crate::text::{normalize, tokenize};
use crate::verdict::{
    settle_contested, strongest_first, verdict_of, ClaimReport, Evidence, Report, Summary, Verdict,
};
use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;

/// A sentence of a source, as indexed. Only the span is kept; tokens and facts are recomputed
/// for the few candidates that retrieval returns, which keeps memory per claim small.
#[derive(Clone, Debug)]
struct Indexed {
    /// Byte range in the source's text, or in its title.
    span: Range<u32>,
    /// The sentence is the source's title (a headline is part of what a source says).
    title: bool,
}

/// How many candidate sentences per source are aligned and judged.
const CANDIDATES_PER_SOURCE: usize = 3;

/// How many retrieval hits (the most shared weight first) are scored for one claim.
const MAX_HITS: usize = 256;

/// How many candidate sentences of one source are judged for one claim.
const JUDGED_PER_SOURCE: u8 = 2;

/// How many candidate sentences in all are judged for one claim.
const CANDIDATES: usize = 10;

/// A candidate whose shared terms weigh less than this share of the claim's cannot reach the
/// `related` threshold (Dice and coverage are both bounded by it), so it is not judged.
const MIN_SHARED: f32 = 0.14;

/// A corpus of sources, indexed for checking pages against it.
///
/// ```
/// use corroborate::{Corpus, Engine, Source, Verdict};
/// let corpus = Corpus { sources: vec![
///     Source { id: "a".into(), text: "Police said five people were injured in Lyon on Monday.".into(), ..Default::default() },
/// ]};
/// let engine = Engine::new(corpus).unwrap();
/// let report = engine.check("Five people were injured in Lyon on Monday, police said.").unwrap();
/// assert_eq!(report.claims[0].verdict, Verdict::Confirmed);
/// ```
#[derive(Clone, Debug)]
pub struct Engine {
    sources: Vec<Option<Source>>,
    /// The position in `sources` of each present source, by id.
    ids: HashMap<String, u32>,
    /// The entries of each source's sentences (they are indexed one source after another).
    entries: Vec<Range<u32>>,
    sentences: Vec<Indexed>,
    index: Index,
    /// The sources' profiles, and their grouping into stories once asked for.
    stories: Stories,
}

/// How a page is checked: [`Engine::check_with`], [`Engine::check_each_with`].
///
/// ```
/// use corroborate::CheckOptions;
/// let options = CheckOptions { exclude: Some("this-page"), all_sources: true };
/// assert!(!CheckOptions::default().all_sources);
/// # let _ = options;
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CheckOptions<'a> {
    /// A source never compared with the page (the page itself).
    pub exclude: Option<&'a str>,
    /// Compare the page with every source, not only with those of its story.
    pub all_sources: bool,
}

impl Engine {
    /// Index a corpus. Fails when it has no sources or two sources share an id.
    pub fn new(corpus: Corpus) -> Result<Engine> {
        if !crate::data::data_loaded() {
            return Err(crate::data::not_loaded());
        }
        if corpus.sources.is_empty() {
            return Err(Error::new(
                ErrorKind::NoSources,
                "the corpus has no sources",
            ));
        }
        Engine::of(corpus.sources)
    }

    /// The engine of these sources.
    fn of(sources: Vec<Source>) -> Result<Engine> {
        let mut engine = Engine {
            sources: Vec::new(),
            ids: HashMap::new(),
            entries: Vec::new(),
            sentences: Vec::new(),
            index: Index::new(),
            stories: Stories::default(),
        };
        for s in sources {
            engine.add_source(s)?;
        }
        engine.index.shrink_to_fit();
        Ok(engine)
    }

    /// An engine of part of a corpus (one story's sources, read from a stored index) that
    /// weighs terms as the whole corpus does: `entries` sentences in all, `df(term)` of them
    /// holding each term. It may hold no sources (a page whose story is not in the index).
    pub(crate) fn part(
        sources: Vec<Source>,
        entries: u32,
        df: crate::retrieval::GlobalDf,
    ) -> Result<Engine> {
        if !crate::data::data_loaded() {
            return Err(crate::data::not_loaded());
        }
        let mut engine = Engine::of(sources)?;
        engine.index.set_global(entries, df);
        Ok(engine)
    }

    /// The retrieval index and the stories, for the stored index's writer.
    #[cfg(feature = "tools")]
    pub(crate) fn tables(&self) -> (&Index, &Stories) {
        (&self.index, &self.stories)
    }

    /// Add one source. Fails when its id is empty or already present, or its `story` label is
    /// too long (its white space is trimmed and collapsed, and an empty label is none).
    pub fn add_source(&mut self, mut source: Source) -> Result<()> {
        if source.id.trim().is_empty() {
            return Err(Error::new(ErrorKind::Corpus, "a source has an empty id"));
        }
        if self.ids.contains_key(&source.id) {
            return Err(Error::new(
                ErrorKind::Corpus,
                format!("two sources have the id {:?}", source.id),
            ));
        }
        source.story = crate::stories::clean_label(source.story.as_deref(), &source.id)?;
        let doc = self.sources.len() as u32;
        let first = self.sentences.len() as u32;
        let title = source
            .title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty() && !source.text.trim_start().starts_with(t));
        let titled = title.into_iter().flat_map(|t| {
            claim_terms(t)
                .take(1)
                .map(|(r, terms)| (r, terms, true))
                .collect::<Vec<_>>()
        });
        for (r, t, title) in titled.chain(claim_terms(&source.text).map(|(r, t)| (r, t, false))) {
            let entry = self.index.add(doc, t.iter().map(String::as_str));
            debug_assert_eq!(entry as usize, self.sentences.len());
            self.sentences.push(Indexed {
                span: r.start as u32..r.end as u32,
                title,
            });
        }
        self.entries.push(first..self.sentences.len() as u32);
        self.stories.add(doc as usize, &source);
        self.ids.insert(source.id.clone(), doc);
        self.sources.push(Some(source));
        Ok(())
    }

    /// Remove the source with this id; returns whether it was there.
    pub fn remove_source(&mut self, id: &str) -> bool {
        let Some(i) = self.ids.remove(id) else {
            return false;
        };
        if let Some(slot) = self.sources.get_mut(i as usize) {
            *slot = None;
        }
        self.index.remove_doc(i);
        self.stories.remove(i as usize);
        true
    }

    /// The stories of the sources (see `stories`: shared salient names and words, dates within
    /// a week, explicit labels kept), in the order of their first source. A source that matches
    /// no other is a story of its own.
    pub fn stories(&self) -> Vec<Story> {
        self.stories.stories().to_vec()
    }

    /// The story a page belongs to: that of the source closest to it, when it is close enough;
    /// `None` when the page matches no story among the sources.
    ///
    /// ```
    /// use corroborate::{Corpus, Engine, Source};
    /// let engine = Engine::new(Corpus { sources: vec![
    ///     Source::new("a", "The ferry Northern Star struck the pier at Caldmoor harbour."),
    ///     Source::new("b", "Ravensholt Rovers beat Kettle Vale 3-1 at Millbrook Park."),
    /// ]})?;
    /// let story = engine.story_of("The Northern Star hit Caldmoor's pier.").unwrap();
    /// assert_eq!(story.sources, ["a"]);
    /// assert_eq!(engine.story_of("Parliament passed the budget bill."), None);
    /// # Ok::<(), corroborate::Error>(())
    /// ```
    pub fn story_of(&self, page: &str) -> Option<Story> {
        self.stories
            .story_of_page(page, &|slot| {
                self.sources.get(slot).is_some_and(Option::is_some)
            })
            .map(|(story, _)| story.clone())
    }

    /// How many candidate pairs of sources the grouping scored (it grows linearly with the
    /// corpus; for the tests).
    #[doc(hidden)]
    pub fn story_work(&self) -> usize {
        self.stories.work()
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        let i = *self.ids.get(id)?;
        self.sources.get(i as usize)?.as_ref()
    }

    /// The sources, in the order they were added.
    pub fn sources(&self) -> impl Iterator<Item = &Source> {
        self.sources.iter().flatten()
    }

    /// The text of an indexed sentence of `source`, its byte range in the source's text (empty
    /// for the title) and whether it is the title.
    fn sentence<'s>(&self, source: &'s Source, entry: u32) -> (&'s str, Range<usize>, bool) {
        let Some(sent) = self.sentences.get(entry as usize) else {
            return ("", 0..0, false);
        };
        let span = sent.span.start as usize..sent.span.end as usize;
        if sent.title {
            let title = source.title.as_deref().map(str::trim).unwrap_or("");
            (title.get(span).unwrap_or(""), 0..0, true)
        } else {
            (source.text.get(span.clone()).unwrap_or(""), span, false)
        }
    }

    /// Number of indexed sentences.
    pub fn len_sentences(&self) -> usize {
        self.sentences.len()
    }

    /// Check a page against the sources of its story ([`Engine::story_of`]). A source whose
    /// text is the page's own is skipped, so that a page in the corpus is never compared with
    /// itself. When the page matches no story among the sources, the report has no claims and
    /// its `story` is `None` (no coverage: nothing is marked unique).
    pub fn check(&self, page: &str) -> Result<Report> {
        self.check_with(page, &CheckOptions::default())
    }

    /// Check a page against the sources of its story but the one with id `exclude`.
    pub fn check_excluding(&self, page: &str, exclude: Option<&str>) -> Result<Report> {
        self.check_with(
            page,
            &CheckOptions {
                exclude,
                all_sources: false,
            },
        )
    }

    /// Check a page with options: a source to exclude, and whether to compare it with every
    /// source rather than its story's.
    ///
    /// ```
    /// use corroborate::{CheckOptions, Corpus, Engine, Source, Verdict};
    /// let engine = Engine::new(Corpus { sources: vec![
    ///     Source::new("a", "Ravensholt Rovers beat Kettle Vale 3-1 at Millbrook Park."),
    /// ]})?;
    /// let page = "The ferry Northern Star struck the pier at Caldmoor harbour on Tuesday.";
    /// let gated = engine.check(page)?;
    /// assert_eq!((gated.story, gated.claims.len(), gated.summary.available), (None, 0, 1));
    /// let all = engine.check_with(page, &CheckOptions { all_sources: true, ..Default::default() })?;
    /// assert_eq!(all.claims[0].verdict, Verdict::Unique);
    /// assert_eq!(all.summary.sources, 1);
    /// # Ok::<(), corroborate::Error>(())
    /// ```
    pub fn check_with(&self, page: &str, options: &CheckOptions) -> Result<Report> {
        let mut checks = self.check_each_with(page, options)?;
        let claims = checks.by_ref().collect();
        Ok(Report {
            story: checks.story().map(StoryRef::from),
            claims,
            summary: checks.summary().clone(),
        })
    }

    /// Check a page claim by claim: the same claims as [`Engine::check_excluding`], each
    /// checked when the iterator reaches it, so that a caller that writes each claim out as it
    /// comes (the CLI) never holds the whole report. The summary counts the claims checked so
    /// far.
    ///
    /// ```
    /// use corroborate::{Corpus, Engine, Source};
    /// let engine = Engine::new(Corpus {
    ///     sources: vec![Source::new("wire", "The ferry struck the pier on Tuesday evening.")],
    /// })
    /// .unwrap();
    /// let mut checks = engine.check_each("The ferry struck the pier on Monday evening.", None).unwrap();
    /// let first = checks.next().unwrap();
    /// assert_eq!(first.verdict, corroborate::Verdict::Contradicted);
    /// assert!(checks.next().is_none());
    /// assert_eq!(checks.summary().contradicted, 1);
    /// ```
    pub fn check_each<'e, 'p>(
        &'e self,
        page: &'p str,
        exclude: Option<&str>,
    ) -> Result<Checks<'e, 'p>> {
        self.check_each_with(
            page,
            &CheckOptions {
                exclude,
                all_sources: false,
            },
        )
    }

    /// [`Engine::check_each`] with options ([`CheckOptions`]).
    pub fn check_each_with<'e, 'p>(
        &'e self,
        page: &'p str,
        options: &CheckOptions,
    ) -> Result<Checks<'e, 'p>> {
        let exclude = options.exclude;
        if page.trim().is_empty() {
            return Err(Error::new(
                ErrorKind::EmptyPage,
                "the page has no text to check",
            ));
        }
        let mut skip = self.skipped(page, exclude);
        let available = skip.iter().filter(|s| !**s).count();
        let found = self
            .stories
            .story_of_page(page, &|slot| skip.get(slot).is_some_and(|s| !*s));
        let story = found.map(|(story, _)| story.clone());
        if !options.all_sources {
            match found {
                Some((_, i)) => {
                    for (slot, s) in skip.iter_mut().enumerate() {
                        if !self.stories.in_story(slot, i) {
                            *s = true;
                        }
                    }
                }
                // No coverage: nothing to compare with, and nothing is marked unique.
                None if available > 0 => skip.iter_mut().for_each(|s| *s = true),
                None => {}
            }
        }
        Ok(self.checks(page, skip, story, available))
    }

    /// Each source's slot: true when it is not compared with the page (removed, excluded, or
    /// with the page's own text).
    fn skipped(&self, page: &str, exclude: Option<&str>) -> Vec<bool> {
        let page_norm = normalize(page);
        self.sources
            .iter()
            .map(|s| match s {
                None => true,
                Some(s) => {
                    exclude == Some(s.id.as_str())
                        || (s.text.len().abs_diff(page.len()) < 64
                            && normalize(&s.text) == page_norm)
                }
            })
            .collect()
    }

    /// The checks of a page against the sources `skip` leaves.
    fn checks<'e, 'p>(
        &'e self,
        page: &'p str,
        skip: Vec<bool>,
        story: Option<Story>,
        available: usize,
    ) -> Checks<'e, 'p> {
        let sources = skip.iter().filter(|s| !**s).count();
        let claims = if sources == 0 && available > 0 {
            Vec::new()
        } else {
            extract_claims(page)
        };
        Checks {
            engine: self,
            page,
            claims: claims.into_iter(),
            skip,
            story,
            reading: Reading::default(),
            summary: Summary {
                sources,
                available,
                ..Summary::default()
            },
        }
    }

    /// Check a page against this engine of one story of a larger corpus ([`Engine::part`]):
    /// `story` is the page's story as the whole corpus gives it (`None`: no coverage), and
    /// `available` how many of the whole corpus's sources are usable.
    pub(crate) fn check_routed(
        &self,
        page: &str,
        exclude: Option<&str>,
        story: Option<Story>,
        available: usize,
    ) -> Result<Report> {
        if page.trim().is_empty() {
            return Err(Error::new(
                ErrorKind::EmptyPage,
                "the page has no text to check",
            ));
        }
        let mut skip = self.skipped(page, exclude);
        if story.is_none() && available > 0 {
            skip.iter_mut().for_each(|s| *s = true);
        }
        let mut checks = self.checks(page, skip, story, available);
        let claims = checks.by_ref().collect();
        Ok(Report {
            story: checks.story().map(StoryRef::from),
            claims,
            summary: checks.summary().clone(),
        })
    }

    /// The evidence of each source about one claim given as text (a headline, a sentence),
    /// strongest first.
    pub fn evidence_for(&self, claim: &str) -> Vec<Evidence> {
        let claim_text = claim.trim();
        let c = Claim::at(claim_text, 0..claim_text.len());
        let skip: Vec<bool> = self.sources.iter().map(Option::is_none).collect();
        self.evidence(claim_text, &c, &skip, true, &mut Reading::default())
    }

    /// The evidence as the sentences alone judge it, before the learned model's reading of
    /// each source: for `stance`, which settles it with the model's reading of the whole
    /// source.
    pub(crate) fn evidence_for_unsettled(&self, claim: &str) -> Vec<Evidence> {
        let claim_text = claim.trim();
        let c = Claim::at(claim_text, 0..claim_text.len());
        let skip: Vec<bool> = self.sources.iter().map(Option::is_none).collect();
        self.evidence(claim_text, &c, &skip, false, &mut Reading::default())
    }

    /// The evidence of each source about one claim, strongest first. With `settle`, each
    /// source's relation is settled with the learned model's reading of the sentences found
    /// in it ([`crate::judgement::settle`]).
    fn evidence(
        &self,
        page: &str,
        claim: &Claim,
        skip: &[bool],
        settle: bool,
        reading: &mut Reading,
    ) -> Vec<Evidence> {
        let claim_terms = terms(&claim.tokens);
        let query: Vec<&str> = claim_terms.iter().map(String::as_str).collect();
        let claim_text = claim.text(page);
        let claim_tokens: Vec<_> = claim
            .tokens
            .iter()
            .map(|t| crate::text::Token {
                start: t.start - claim.span.start,
                end: t.end - claim.span.start,
                norm: t.norm.clone(),
            })
            .collect();
        let claim_weight: f32 = claim_terms.iter().map(|t| self.index.idf(t)).sum();
        if claim_weight <= 0.0 {
            return Vec::new();
        }
        // A headline is read against the whole article: a sentence that shares less of its
        // words still bears on it (the learned model decides; see `judge::settle`).
        let headline = crate::judgement::is_headline(claim_text);
        let related = if headline {
            THRESHOLDS.related_headline
        } else {
            THRESHOLDS.related
        };
        // Score every hit from the index alone (shared weight, and the entry's own weight),
        // then judge only the closest few: tokens, facts and alignment cost far more than this.
        let mut scored: Vec<(f32, f32, Hit)> = self
            .index
            .query(&query)
            .per_doc(CANDIDATES_PER_SOURCE)
            .min_share(MIN_SHARED)
            .max_hits(MAX_HITS)
            .skip_docs(skip)
            .run()
            .into_iter()
            .filter_map(|h| {
                let entry_weight = self.index.entry_weight(h.entry);
                let dice = 2.0 * h.score / (claim_weight + entry_weight);
                // Overlap relative to the claim alone: a long source sentence that contains
                // the whole claim still confirms it.
                let coverage = (h.score / claim_weight).min(1.0);
                let score = dice.max(0.85 * coverage);
                (score >= related).then_some((score, coverage, h))
            })
            .collect();
        crate::sort::sort_by(&mut scored, |a, b| {
            b.0.total_cmp(&a.0).then(a.2.entry.cmp(&b.2.entry))
        });
        // Every sentence retrieval found in a source, for reading the source as a whole: what
        // the closest sentence lacks may stand in another one on the same claim.
        let mut found: Vec<(u32, Vec<u32>)> = Vec::new();
        for (_, _, h) in &scored {
            match found.iter_mut().find(|(d, _)| *d == h.doc) {
                Some((_, list)) => list.push(h.entry),
                None => found.push((h.doc, vec![h.entry])),
            }
        }
        // The closest candidates, at most JUDGED_PER_SOURCE per source, so that one wordy
        // source cannot crowd the others out.
        let mut per_source: Vec<(u32, u8)> = Vec::new();
        scored.retain(
            |(_, _, h)| match per_source.iter_mut().find(|(d, _)| *d == h.doc) {
                Some((_, n)) if *n >= JUDGED_PER_SOURCE => false,
                Some((_, n)) => {
                    *n += 1;
                    true
                }
                None => {
                    per_source.push((h.doc, 1));
                    true
                }
            },
        );
        scored.truncate(CANDIDATES);

        let claim_read = Read::of(claim_tokens);
        let claim_tokens = &claim_read.tokens;
        let claim_words = Words {
            text: claim_text,
            read: &claim_read,
            facts: &claim.facts,
        };
        // Each sentence judged or read for the rest of its source, read once per page: the
        // judged candidates, and per judged source the sentences retrieval found in it and its
        // title.
        if reading.0.len() > MAX_READ {
            reading.0.clear();
        }
        let mut near: Vec<(u32, Vec<u32>)> = Vec::new();
        for (_, _, hit) in &scored {
            let doc = hit.doc as usize;
            let Some(source) = &self.sources[doc] else {
                continue;
            };
            let mut wanted = vec![hit.entry];
            if !near.iter().any(|(d, _)| *d == hit.doc) {
                let all = self.entries.get(doc).cloned().unwrap_or(0..0);
                let title = all
                    .take(1)
                    .filter(|&i| self.sentences.get(i as usize).is_some_and(|s| s.title));
                let entries: Vec<u32> = found
                    .iter()
                    .find(|(d, _)| *d == hit.doc)
                    .map_or(&[][..], |(_, l)| l)
                    .iter()
                    .copied()
                    .chain(title)
                    .collect();
                wanted.extend(&entries);
                near.push((hit.doc, entries));
            }
            for entry in wanted {
                reading.0.entry(entry).or_insert_with(|| Sentence {
                    read: Read::new(self.sentence(source, entry).0),
                    facts: OnceCell::new(),
                });
            }
        }
        // The rest of each judged source: a claim is read against the source's sentences on
        // it (those retrieval found, and its headline; synonyms too, but for a headline), and
        // the words of the whole source.
        let read = &reading.0;
        let rest: Vec<(u32, Elsewhere)> = near
            .iter()
            .map(|(doc, entries)| {
                let mut e = Elsewhere::new(!headline);
                for entry in entries {
                    if let Some(r) = read.get(entry) {
                        e.add(&r.read);
                    }
                }
                // Whether the source has a word anywhere: its index term in its entries.
                let range = self.entries.get(*doc as usize).cloned().unwrap_or(0..0);
                let index = &self.index;
                let has = move |term: &str| index.has_term_in(term, range.clone());
                (*doc, e.with_whole(Box::new(has)))
            })
            .collect();
        // Best candidate per source.
        let mut best: Vec<(usize, Evidence)> = Vec::new();
        for (score, coverage, hit) in scored {
            let doc = hit.doc as usize;
            let Some(source) = &self.sources[doc] else {
                continue;
            };
            let elsewhere = rest.iter().find(|(d, _)| *d == hit.doc).map(|(_, e)| e);
            let (Some(elsewhere), Some(read)) = (elsewhere, read.get(&hit.entry)) else {
                continue;
            };
            let (text, span, from_title) = self.sentence(source, hit.entry);
            let facts = read
                .facts
                .get_or_init(|| Facts::extract_tokenized(text, &read.read.tokens));
            let sentence = Words {
                text,
                read: &read.read,
                facts,
            };
            let j = judge(&claim_words, &sentence, elsewhere, score, coverage);
            let relation = j.relation;
            let candidate = Evidence {
                source: source.id.clone(),
                relation,
                text: text.to_string(),
                score,
                coverage,
                reasons: j.reasons,
                diff: Vec::new(),
                span,
                from_title,
            };
            match best.iter_mut().find(|(d, _)| *d == doc) {
                None => best.push((doc, candidate)),
                Some((_, b)) if rank(relation, score) > rank(b.relation, b.score) => *b = candidate,
                Some(_) => {}
            }
        }
        if settle {
            for (doc, e) in &mut best {
                let Some(source) = &self.sources[*doc] else {
                    continue;
                };
                let entries = found.iter().find(|(d, _)| *d as usize == *doc);
                let texts: Vec<&str> = entries
                    .map_or(&[][..], |(_, l)| l)
                    .iter()
                    .map(|&entry| self.sentence(source, entry).0)
                    .collect();
                // For a sentence the model can change the relation only where the source has
                // a refuting word the claim lacks (see `judge::settle`): it is not run elsewhere.
                let refuting = entries.map_or(&[][..], |(_, l)| l).iter().any(|entry| {
                    read.get(entry).is_some_and(|r| {
                        r.read.tokens.iter().any(|t| {
                            crate::judgement::stance::is_refuting(&t.norm)
                                && !claim_tokens.iter().any(|c| c.norm == t.norm)
                        })
                    })
                });
                if !headline && !refuting {
                    continue;
                }
                let model = crate::judgement::stance::model_relation(claim_text, &texts);
                // An article's sentence (not its headline) in a source of several sentences.
                let all = self.entries.get(*doc).cloned().unwrap_or(0..0);
                let titled = all
                    .clone()
                    .next()
                    .and_then(|i| self.sentences.get(i as usize))
                    .is_some_and(|s| s.title);
                let sentences = all.len() - usize::from(titled);
                let article = !e.from_title && sentences > crate::judgement::ARTICLE_SENTENCES;
                e.relation = crate::judgement::settle(e.relation, model, headline, article);
            }
            best.retain(|(_, e)| e.relation != Relation::Unrelated);
        }
        // Align only the sentence kept for each source.
        let mut evidence: Vec<Evidence> = best
            .into_iter()
            .map(|(_, mut e)| {
                e.diff = align(claim_text, claim_tokens, &e.text, &tokenize(&e.text)).spans;
                e
            })
            .collect();
        settle_contested(&mut evidence);
        strongest_first(&mut evidence);
        evidence
    }
}

/// The claims of a page, each checked as it is reached: see [`Engine::check_each`].
pub struct Checks<'e, 'p> {
    engine: &'e Engine,
    page: &'p str,
    claims: std::vec::IntoIter<Claim>,
    skip: Vec<bool>,
    story: Option<Story>,
    reading: Reading,
    summary: Summary,
}

impl<'e> Checks<'e, '_> {
    /// The counts of the claims checked so far (of all of them, once the iterator is done),
    /// and how many sources are compared and usable.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// The page's story among the usable sources, or `None` when it matches none.
    pub fn story(&self) -> Option<&Story> {
        self.story.as_ref()
    }

    /// The sources the page is compared with, in the order they were added.
    pub fn compared(&self) -> impl Iterator<Item = &'e Source> + '_ {
        let engine = self.engine;
        engine
            .sources
            .iter()
            .zip(&self.skip)
            .filter(|(_, skip)| !**skip)
            .filter_map(|(s, _)| s.as_ref())
    }
}

impl ExactSizeIterator for Checks<'_, '_> {}

impl Iterator for Checks<'_, '_> {
    type Item = ClaimReport;

    fn next(&mut self) -> Option<ClaimReport> {
        let claim = self.claims.next()?;
        let evidence = self
            .engine
            .evidence(self.page, &claim, &self.skip, true, &mut self.reading);
        let verdict = verdict_of(&evidence);
        let s = &mut self.summary;
        s.claims += 1;
        match verdict {
            Verdict::Confirmed => s.confirmed += 1,
            Verdict::Contradicted => s.contradicted += 1,
            Verdict::Disputed => s.disputed += 1,
            Verdict::Related => s.related += 1,
            Verdict::Unique => s.unique += 1,
        }
        Some(ClaimReport {
            text: claim.text(self.page).to_string(),
            span: claim.span,
            verdict,
            evidence,
        })
    }

    /// The claims still to check: exact, so that a report can say how many claims the page
    /// has before it checks the first ([`ExactSizeIterator::len`]).
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.claims.size_hint()
    }
}

/// The source sentences read while checking one page, by entry: a sentence is a candidate
/// of many claims, and is tokenised, keyed and its facts found only once. Cleared past
/// [`MAX_READ`] sentences, so its memory stays bounded.
#[derive(Default)]
struct Reading(HashMap<u32, Sentence>);

/// A source sentence as read: its words, and its facts once it is judged.
struct Sentence {
    read: Read,
    facts: OnceCell<Facts>,
}

/// See [`Reading`].
const MAX_READ: usize = 1 << 12;

/// Order candidates: the closest sentence wins, and at equal closeness a confirming or
/// contradicting sentence wins over a related one.
pub(crate) fn rank(relation: Relation, score: f32) -> (f32, u8) {
    let strength = match relation {
        Relation::Confirms | Relation::Contradicts => 2,
        Relation::Related => 1,
        Relation::Unrelated => 0,
    };
    (score, strength)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Relation::*;

    fn source(id: &str, text: &str) -> Source {
        Source::new(id, text)
    }

    fn engine(sources: &[(&str, &str)]) -> Engine {
        Engine::new(Corpus {
            sources: sources.iter().map(|(id, t)| source(id, t)).collect(),
        })
        .expect("engine")
    }

    #[test]
    fn relation_table() {
        // (source sentence, page claim, expected relation of the source, or None for no evidence)
        let cases: &[(&str, &str, Option<Relation>)] = &[
            (
                "Officials said five people were injured in the fire in Lyon on Monday.",
                "Five people were injured in the Lyon fire on Monday, officials said.",
                Some(Confirms),
            ),
            (
                "Officials said five people were injured in the fire in Lyon on Monday.",
                "Officials said three people were injured in the fire in Lyon on Monday.",
                Some(Contradicts),
            ),
            (
                "Officials said five people were injured in the fire in Lyon on Monday.",
                "Officials said five people were injured in the fire in Lyon on Tuesday.",
                Some(Contradicts),
            ),
            (
                "The mayor said the driver was charged with reckless driving after the crash.",
                "The mayor said the driver was not charged with reckless driving after the crash.",
                Some(Contradicts),
            ),
            (
                "Fire crews said the blaze in Lyon started in a bakery and spread to two flats.",
                "Officials said five people were injured in the fire in Lyon on Monday.",
                Some(Related),
            ),
            (
                "The city council approved a new budget for public libraries next year.",
                "Officials said five people were injured in the fire in Lyon on Monday.",
                None,
            ),
        ];
        // The judge's table: every source is compared (the unrelated source would otherwise
        // leave the page without a story, and without claims).
        let all = CheckOptions {
            all_sources: true,
            ..Default::default()
        };
        for (source_text, page, want) in cases {
            let e = engine(&[("s", source_text)]);
            let report = e.check_with(page, &all).expect("check");
            if want.is_none() {
                let gated = e.check(page).expect("check");
                assert_eq!((gated.story, gated.claims.len()), (None, 0), "{page:?}");
            }
            let got = report.claims[0].evidence.first().map(|e| e.relation);
            assert_eq!(
                got, *want,
                "{page:?} against {source_text:?}: {:#?}",
                report.claims[0]
            );
        }
    }

    #[test]
    fn sources_can_be_added_and_removed() {
        let mut e = engine(&[(
            "a",
            "Officials said five people were injured in the fire in Lyon on Monday.",
        )]);
        let page = "Five people were injured in the Lyon fire on Monday, officials said.";
        e.add_source(source(
            "b",
            "Five people were hurt in Monday's fire in Lyon, officials said.",
        ))
        .expect("add");
        let ids: Vec<String> = e.check(page).unwrap().claims[0]
            .evidence
            .iter()
            .map(|e| e.source.clone())
            .collect();
        assert_eq!(ids.len(), 2, "{ids:?}");
        assert!(e.remove_source("a"));
        assert!(!e.remove_source("a"));
        let ids: Vec<String> = e.check(page).unwrap().claims[0]
            .evidence
            .iter()
            .map(|e| e.source.clone())
            .collect();
        assert_eq!(ids, ["b"]);
        assert_eq!(
            e.add_source(source("b", "again")).unwrap_err().kind(),
            ErrorKind::Corpus
        );
        assert_eq!(
            e.add_source(source(" ", "text")).unwrap_err().kind(),
            ErrorKind::Corpus
        );
    }

    #[test]
    fn the_page_is_never_its_own_source() {
        let text = "Officials said five people were injured in the fire in Lyon on Monday.";
        let e = engine(&[
            ("self", text),
            (
                "other",
                "Five people were hurt in Monday's fire in Lyon, officials said.",
            ),
        ]);
        let ev = &e.check(text).unwrap().claims[0].evidence;
        assert!(ev.iter().all(|e| e.source != "self"), "{ev:#?}");
        let ev = &e.check_excluding(text, Some("other")).unwrap().claims[0].evidence;
        assert!(
            ev.iter().all(|e| e.source != "other" && e.source != "self"),
            "{ev:#?}"
        );
    }

    #[test]
    fn errors_are_typed() {
        assert_eq!(
            Engine::new(Corpus::default()).unwrap_err().kind(),
            ErrorKind::NoSources
        );
        let e = engine(&[("a", "Officials said five people were injured in the fire.")]);
        for page in ["", "   \r\n\t"] {
            assert_eq!(
                e.check(page).unwrap_err().kind(),
                ErrorKind::EmptyPage,
                "{page:?}"
            );
        }
    }
}
