//! Every difference accounted for: each salient word of the claim that the source's sentence
//! lacks or replaces is classed as equivalent, a reversal, incompatible or unverifiable.
//!
//! The claim and the sentence are aligned word by word (the `similar` crate's LCS, see
//! [`crate::alignment`]). In each gap of the alignment the claim's words are paired with the
//! source's words there and each pair is classed ([`classify`]): the same lemma, a synonym, a
//! derived form or a more specific word (WordNet, [`crate::judgement::wordnet`]) is **equivalent**; an
//! antonym (WordNet's or the hand list of [`crate::facts`]) is a **reversal**; another member
//! of the same narrow kind (two weekdays, two makers, two animals) or another name is
//! **incompatible**. A claim word with no partner is looked for elsewhere in the sentence
//! (reordered words) and then in the other sentences of the same source that retrieval found
//! for the claim, and the source's title: a source is read as a whole. What is found nowhere
//! is **unverifiable**: the source does not back it.
//!
//! Salient words are the ones that carry what the claim asserts: content words, names and
//! numbers. Function words ("the", "was", "when") are never a difference, nor is framing that
//! carries nothing checkable ("officials said", "according to", "a new study"). Negation is
//! left to the typed comparison of facts ([`super::compare`]), which also checks numbers,
//! dates, roles, places and speakers slot by slot. A source that hedges what the claim asserts
//! ("may have", "reportedly") does not back it either.

use crate::alignment::token_ops;
use crate::facts::{antonym, is_negation, lemma, place, Facts, NameKind, PlaceKind};
use crate::judgement::reason::{Class, Reason, ReasonKind};
use crate::judgement::wordnet::{relate, relation, Word, WordRelation};
use crate::text::{is_stopword, stem, Token};
use crate::words;
use std::collections::HashSet;

/// Whether a whole source has a word, by its index term.
pub(crate) type HasTerm<'a> = Box<dyn Fn(&str) -> bool + 'a>;

/// The words of the other sentences of the same source (and its title), for the whole-source
/// reading of a claim.
#[derive(Default)]
pub(crate) struct Elsewhere<'a> {
    /// The word keys ([`word_key`]) of their salient words.
    keys: HashSet<&'a str>,
    /// Their salient words that WordNet knows, for synonym look-ups (only when `synonyms`).
    norms: Vec<Word<'a>>,
    seen: HashSet<&'a str>,
    /// The figures written in digits (their bits).
    numbers: HashSet<u64>,
    /// Look up synonyms too (a few sentences); with a whole article, equal words only.
    synonyms: bool,
    /// Whether the whole source has a word, by its index term ([`crate::claims::terms`]).
    whole: Option<HasTerm<'a>>,
}

impl<'a> Elsewhere<'a> {
    /// The rest of a source; `synonyms` for a few sentences, not for a whole article (each
    /// look-up costs a WordNet query per word).
    pub(crate) fn new(synonyms: bool) -> Elsewhere<'a> {
        Elsewhere {
            synonyms,
            ..Elsewhere::default()
        }
    }

    /// Add a sentence of the source, as read once ([`Read`]).
    pub(crate) fn add(&mut self, read: &'a Read) {
        for ((t, key), &salient) in read.tokens.iter().zip(&read.keys).zip(&read.salient) {
            if t.is_numeric() {
                if let Ok(v) = t.norm.replace(',', "").parse::<f64>() {
                    self.numbers.insert(v.to_bits());
                }
            }
            if salient && self.seen.insert(t.norm.as_str()) {
                self.keys.insert(key.as_str());
                if self.synonyms && self.norms.len() < MAX_LOOKUPS {
                    let w = Word::new(t.norm.as_str());
                    if w.is_known() {
                        self.norms.push(w);
                    }
                }
            }
        }
    }

    /// Read the whole source too: `has` tells whether it has a word, by its index term.
    pub(crate) fn with_whole(mut self, has: HasTerm<'a>) -> Elsewhere<'a> {
        self.whole = Some(has);
        self
    }

    fn backs(&self, word: &Word, norm: &str, key: &str) -> bool {
        self.keys.contains(key)
            || self.in_whole(norm)
            || (word.is_known() && self.norms.iter().any(|o| equivalent(word, o)))
    }

    fn in_whole(&self, norm: &str) -> bool {
        self.whole.as_ref().is_some_and(|has| has(&stem(norm)))
    }

    fn has_number(&self, values: &[f64], norm: &str) -> bool {
        values.iter().any(|v| self.numbers.contains(&v.to_bits())) || self.in_whole(norm)
    }
}

/// The outcome of accounting for one claim against one sentence.
#[derive(Clone, Debug, Default)]
pub(crate) struct Account {
    /// Substitution reasons: reversals and incompatible words (contradicting), unverifiable
    /// words (not contradicting).
    pub reasons: Vec<Reason>,
    /// Salient words of the claim.
    pub salient: usize,
    /// Salient words backed by the source: equal, equivalent, or found elsewhere in it.
    pub backed: usize,
    /// Salient words that the source replaces with their opposite or another value.
    pub opposed: usize,
    /// Of the opposed words, those turned round (antonyms).
    pub reversed: usize,
    /// Salient words the source does not back.
    pub unbacked: usize,
    /// Of the unbacked words, those that state a checkable fact: a number, a date, a name, a
    /// role, a place (from the claim's facts), or a word the source replaced right where it
    /// stands (a gap with equal words on both sides).
    pub unbacked_checkable: usize,
    /// Of the unbacked words, the numbers.
    pub unbacked_numbers: usize,
    /// The source hedges what the claim states ("may", "reportedly").
    pub hedged: bool,
    /// Some opposed word was replaced one for one, with the words around it equal.
    pub clean_swap: bool,
}

impl Account {
    /// The share of the claim's salient words that the source backs.
    pub(crate) fn backed_share(&self) -> f32 {
        if self.salient == 0 {
            0.0
        } else {
            self.backed as f32 / self.salient as f32
        }
    }
}

/// At most this many words of a sentence are searched for a synonym of each claim word (a
/// sentence has far fewer; this bounds the cost of a page that is one endless sentence).
const MAX_LOOKUPS: usize = 64;

/// Gaps with more page × source words than this are not paired word by word.
const MAX_PAIRS: usize = 4096;

/// Salient words below which a claim is short (see [`account`]).
const SHORT_CLAIM: usize = 12;

fn is_framing(norm: &str) -> bool {
    words::contains(words::FRAMING, norm)
}

fn is_hedge(norm: &str) -> bool {
    words::contains(words::SOURCE_HEDGES, norm)
}

/// True for a word that carries what a claim asserts.
fn is_salient_word(norm: &str) -> bool {
    let b = norm.as_bytes();
    if b.len() < 2 {
        return b.first().is_some_and(u8::is_ascii_digit);
    }
    !is_stopword(norm) && !is_framing(norm) && !is_negation(norm) && !norm.ends_with("n't")
}

/// The key two inflected forms of one word share.
fn word_key(norm: &str) -> String {
    stem(&lemma(norm))
}

/// Class one claim word against one source word; `None` when they have nothing to do with
/// each other. `names` is true when both are written as names (capitalised inside a sentence).
pub(crate) fn classify(page: &str, source: &str, names: bool) -> Option<Class> {
    if page == source || word_key(page) == word_key(source) {
        return Some(Class::Equivalent);
    }
    if let (Some((pa, sa, _)), Some((pb, sb, _))) = (antonym(page), antonym(source)) {
        if pa == pb && sa != sb {
            return Some(Class::Reversal);
        }
    }
    // Known places: a city backs its country ("visited Vietnam" / "visited Hanoi").
    if let (Some((kp, cp)), Some((ks, cs))) = (place(page), place(source)) {
        return Some(if cp == cs && kp == PlaceKind::Country {
            Class::Equivalent
        } else if cp == cs && ks == PlaceKind::Country {
            Class::Unverifiable
        } else {
            Class::Incompatible
        });
    }
    match relation(page, source) {
        WordRelation::Same
        | WordRelation::Synonym
        | WordRelation::Derived
        | WordRelation::Hyponym => Some(Class::Equivalent),
        WordRelation::Antonym => Some(Class::Reversal),
        WordRelation::CoHyponym => Some(Class::Incompatible),
        WordRelation::Hypernym => Some(Class::Unverifiable),
        WordRelation::Unrelated if names => Some(Class::Incompatible),
        WordRelation::Unrelated => None,
    }
}

/// True when WordNet gives the source's word the claim word's meaning: a synonym, a derived
/// form, a more specific word (the equal-key case is the caller's).
fn equivalent(page: &Word, source: &Word) -> bool {
    matches!(
        relate(page, source),
        WordRelation::Same | WordRelation::Synonym | WordRelation::Derived | WordRelation::Hyponym
    )
}

/// True when the word at `i` is written as a name: capitalised, and not the first word.
fn is_name(text: &str, tokens: &[Token], i: usize) -> bool {
    i > 0
        && tokens
            .get(i)
            .and_then(|t| text.get(t.start..t.end))
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
}

/// True for a text in Title Case: at least four content words, each capitalised.
fn title_case(text: &str, tokens: &[Token]) -> bool {
    let mut content = 0;
    for t in tokens {
        if t.norm.len() >= 3 && t.norm.chars().all(char::is_alphabetic) && !is_stopword(&t.norm) {
            let cap = text
                .get(t.start..)
                .and_then(|w| w.chars().next())
                .is_some_and(char::is_uppercase);
            if !cap {
                return false;
            }
            content += 1;
        }
    }
    content >= 4
}

fn is_number_word(norm: &str) -> bool {
    norm.chars().any(|c| c.is_ascii_digit()) || words::contains(words::NUMBER_WORDS, norm)
}

/// A sentence read once: its tokens (spans relative to its text), their word keys ([`keys`])
/// and which of them are salient. A candidate sentence is judged against several claims, and
/// read for the whole-source backing of others: it is read only once per claim.
pub(crate) struct Read {
    pub tokens: Vec<Token>,
    pub keys: Vec<String>,
    pub salient: Vec<bool>,
    /// Token indices in the order of their keys, for [`Read::has_key`].
    by_key: Vec<u32>,
}

impl Read {
    /// Read a text.
    pub(crate) fn new(text: &str) -> Read {
        Read::of(crate::text::tokenize(text))
    }

    /// Read tokens already made.
    pub(crate) fn of(tokens: Vec<Token>) -> Read {
        let keys = keys(&tokens);
        let salient = tokens.iter().map(|t| is_salient_word(&t.norm)).collect();
        let mut by_key: Vec<u32> = (0..keys.len() as u32).collect();
        by_key.sort_unstable_by(|&a, &b| keys[a as usize].cmp(&keys[b as usize]));
        Read {
            tokens,
            keys,
            salient,
            by_key,
        }
    }

    /// Whether some token has this key.
    fn has_key(&self, key: &str) -> bool {
        self.by_key
            .binary_search_by(|&i| self.keys[i as usize].as_str().cmp(key))
            .is_ok()
    }
}

/// One side of the accounting: a sentence, as read, and its facts.
pub(crate) struct Words<'a> {
    pub text: &'a str,
    pub read: &'a Read,
    pub facts: &'a Facts,
}

/// The key of each token: what two inflected forms of one word share ("rising", "rises").
pub(crate) fn keys(tokens: &[Token]) -> Vec<String> {
    tokens.iter().map(|t| word_key(&t.norm)).collect()
}

/// Account for every salient word of the claim against one sentence of a source, reading the
/// rest of the source (`elsewhere`) for words the sentence lacks. `typed` are the reasons the
/// typed comparison of facts gave for the same pair: a word they already speak of is not
/// reported twice.
pub(crate) fn account(
    claim: &Words,
    sentence: &Words,
    elsewhere: &Elsewhere,
    typed: &[Reason],
) -> Account {
    let mut acc = Account::default();
    let (cr, sr) = (claim.read, sentence.read);
    let ops = token_ops(&cr.tokens, &sr.tokens);
    let typed_words: Vec<String> = typed
        .iter()
        .flat_map(|r| {
            r.page
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
        })
        .collect();
    // The sentence's salient words the alignment did not pair with a word of the claim.
    let leftover: Vec<Word> = ops
        .iter()
        .filter(|o| !o.equal)
        .flat_map(|o| o.source.clone())
        .filter(|&j| sr.salient[j])
        .map(|j| Word::new(sr.tokens[j].norm.as_str()))
        .filter(Word::is_known)
        .take(MAX_LOOKUPS)
        .collect();
    let checkable = Spans::checkable(claim.facts);
    // The claim's numbers by span, and the values the sentence states.
    let mut claim_numbers: Vec<(std::ops::Range<usize>, f64)> = claim
        .facts
        .numbers
        .iter()
        .map(|n| (n.span.clone(), n.value))
        .collect();
    claim_numbers.sort_by_key(|(r, _)| (r.start, r.end));
    let sentence_values: HashSet<u64> = sentence
        .facts
        .numbers
        .iter()
        .map(|n| n.value.to_bits())
        .collect();
    // In a short claim every word carries much of what it asserts: a word the source
    // replaced one for one ("inhibits" / "induces") must be accounted for. In a long sentence
    // one such pair is as often a paraphrase ("elevation" / "upgrade") and is weighed with the
    // other loose words.
    let short = cr.salient.iter().filter(|&&s| s).count() < SHORT_CLAIM;
    // In Title Case every word looks like a name: a word is paired with the name facing it
    // only when neither side is written so.
    let titled = title_case(claim.text, &cr.tokens) || title_case(sentence.text, &sr.tokens);
    for (k, op) in ops.iter().enumerate() {
        // A gap with equal words on both sides: the source put other words in the same place.
        let bounded = k > 0
            && ops.get(k - 1).is_some_and(|o| o.equal)
            && ops.get(k + 1).is_some_and(|o| o.equal);
        let page_words = &cr.tokens[op.page.clone()];
        let source_words = &sr.tokens[op.source.clone()];
        let page_salient = cr.salient[op.page.clone()].iter().filter(|&&s| s).count();
        if op.equal {
            acc.salient += page_salient;
            acc.backed += page_salient;
            continue;
        }
        // A hedge the source adds where the claim states.
        if source_words
            .iter()
            .any(|t| is_hedge(&t.norm) && !cr.tokens.iter().any(|c| c.norm == t.norm))
        {
            acc.hedged = true;
        }
        let one_for_one =
            page_salient == 1 && sr.salient[op.source.clone()].iter().filter(|&&s| s).count() == 1;
        let mut unbacked: Vec<&str> = Vec::new();
        for (n, t) in page_words.iter().enumerate() {
            let i = op.page.start + n;
            let salient = cr.salient[i];
            if !salient && antonym(&t.norm).is_none() {
                continue;
            }
            // The best class among the source's words in the same gap.
            let page_name = is_name(claim.text, &cr.tokens, i);
            let mut best: Option<(Class, usize)> = None;
            // A gap too large to pair word by word (the alignment gave up on two long texts)
            // has no partners: its words are looked for in the rest of the sentence only.
            let pairable = page_words.len().saturating_mul(source_words.len()) <= MAX_PAIRS;
            let partners = if pairable { source_words } else { &[] };
            // At the start or the end of the texts, the source's word in the same place: the
            // first after the equal words before the gap, or the last before those after it
            // ("… journalist Steven Foley" / "… journalist Steven Sotloff, who …"). A gap
            // between equal words is the one-for-one rule's (and may be "UN" / "United
            // Nations").
            let (pl, sl) = (op.page.len(), op.source.len());
            let left = k > 0 && ops.get(k - 1).is_some_and(|o| o.equal);
            let right = ops.get(k + 1).is_some_and(|o| o.equal);
            let facing = if left && right {
                None
            } else if left && n == 0 && sl > 0 {
                Some(op.source.start)
            } else if right && n + 1 == pl && sl > 0 {
                Some(op.source.start + sl - 1)
            } else {
                None
            };
            for (m, u) in partners.iter().enumerate() {
                let j = op.source.start + m;
                if !sr.salient[j] && antonym(&u.norm).is_none() {
                    continue;
                }
                // A name the claim has elsewhere stands for that name, not for this word.
                let names =
                    page_name && is_name(sentence.text, &sr.tokens, j) && !cr.has_key(&sr.keys[j]);
                let placed = (one_for_one && bounded)
                    || (facing == Some(j) && !titled && !sr.has_key(&cr.keys[i]));
                if let Some(c) = classify(&t.norm, &u.norm, names && placed) {
                    // A function word counts only when the source turns it round.
                    if !salient && c != Class::Reversal {
                        continue;
                    }
                    if best.is_none_or(|(b, _)| rank(c) > rank(b)) {
                        best = Some((c, j));
                    }
                }
            }
            if salient {
                acc.salient += 1;
            }
            let number = is_number_word(&t.norm);
            match best {
                Some((Class::Equivalent, _)) => {
                    if salient {
                        acc.backed += 1;
                    }
                    continue;
                }
                Some((class @ (Class::Reversal | Class::Incompatible), j)) => {
                    // Numbers, dates and names in typed slots are the typed comparison's.
                    let lower = claim.text[t.start..t.end].to_lowercase();
                    if number || typed_words.contains(&lower) {
                        if salient {
                            acc.backed += 1;
                        }
                        continue;
                    }
                    acc.opposed += 1;
                    if class == Class::Reversal {
                        acc.reversed += 1;
                    }
                    if one_for_one && bounded {
                        acc.clean_swap = true;
                    }
                    let s = &sr.tokens[j];
                    acc.reasons.push(substitution(
                        class,
                        claim.text[t.start..t.end].to_string(),
                        sentence.text[s.start..s.end].to_string(),
                    ));
                    continue;
                }
                _ => {}
            }
            if !salient {
                continue;
            }
            // Reordered: the word stands elsewhere in the sentence (an equal word anywhere, a
            // synonym among the words the alignment left over).
            let key = &cr.keys[i];
            let word = Word::new(&t.norm);
            let here = sr.has_key(key)
                || (word.is_known() && leftover.iter().any(|o| equivalent(&word, o)));
            let number_backed = number && number_in(&claim_numbers, t, &sentence_values, elsewhere);
            if here || number_backed || (!number && elsewhere.backs(&word, &t.norm, key)) {
                acc.backed += 1;
                continue;
            }
            // A word the typed comparison speaks of (another value, a hedge) is its reason.
            let lower = claim.text[t.start..t.end].to_lowercase();
            acc.unbacked += 1;
            if number {
                acc.unbacked_numbers += 1;
            }
            if typed_words.contains(&lower) {
                acc.unbacked_checkable += 1;
                continue;
            }
            // What the source simply lacks (nothing stands in its place), a word it replaced
            // one for one in a short claim, and the claim's numbers, dates, names and roles
            // must be backed; a paraphrase may leave a few other words unmatched.
            if source_words.is_empty()
                || (bounded && one_for_one && short)
                || number
                || checkable.covers(t)
            {
                acc.unbacked_checkable += 1;
            }
            unbacked.push(&claim.text[t.start..t.end]);
        }
        if !unbacked.is_empty() {
            let source_text = match (source_words.first(), source_words.last()) {
                (Some(a), Some(b)) => sentence.text[a.start..b.end].to_string(),
                _ => String::new(),
            };
            acc.reasons.push(substitution(
                Class::Unverifiable,
                unbacked.join(" "),
                source_text,
            ));
        }
    }
    acc
}

/// The byte spans of a claim's checkable facts (dates, roles, named people, places and
/// organisations), sorted, for [`Spans::covers`].
struct Spans(Vec<std::ops::Range<usize>>);

impl Spans {
    fn checkable(facts: &Facts) -> Spans {
        let mut v: Vec<std::ops::Range<usize>> = facts
            .dates
            .iter()
            .map(|d| d.span.clone())
            .chain(facts.roles.iter().map(|r| r.span.clone()))
            .chain(
                facts
                    .names
                    .iter()
                    .filter(|n| n.kind != NameKind::Other)
                    .map(|n| n.span.clone()),
            )
            .collect();
        v.sort_by_key(|r| (r.start, r.end));
        Spans(v)
    }

    /// True when one of the spans holds the token. Spans may nest or overlap, so the ones that
    /// start before the token are searched back while they could still reach it.
    fn covers(&self, t: &Token) -> bool {
        let i = self.0.partition_point(|r| r.start <= t.start);
        self.0[..i].iter().rev().take(8).any(|r| t.end <= r.end)
    }
}

/// True when a number word of the claim has the same value in the sentence or elsewhere in
/// the source.
fn number_in(
    claim: &[(std::ops::Range<usize>, f64)],
    t: &Token,
    sentence: &HashSet<u64>,
    elsewhere: &Elsewhere,
) -> bool {
    let i = claim.partition_point(|(r, _)| r.start <= t.start);
    let values: Vec<f64> = claim[..i]
        .iter()
        .rev()
        .take(8)
        .filter(|(r, _)| t.end <= r.end)
        .map(|(_, v)| *v)
        .collect();
    !values.is_empty()
        && (values.iter().any(|v| sentence.contains(&v.to_bits()))
            || elsewhere.has_number(&values, &t.norm))
}

fn rank(c: Class) -> u8 {
    match c {
        Class::Equivalent => 4,
        Class::Reversal => 3,
        Class::Incompatible => 2,
        Class::Unverifiable => 1,
    }
}

fn substitution(class: Class, page: String, source: String) -> Reason {
    Reason {
        kind: ReasonKind::Substitution,
        contradicts: matches!(class, Class::Reversal | Class::Incompatible),
        page,
        source,
        class: Some(class),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(page: &str, source: &str) -> Account {
        let (pr, sr) = (Read::new(page), Read::new(source));
        let (pf, sf) = (Facts::extract(page), Facts::extract(source));
        account(
            &Words {
                text: page,
                read: &pr,
                facts: &pf,
            },
            &Words {
                text: source,
                read: &sr,
                facts: &sf,
            },
            &Elsewhere::default(),
            &[],
        )
    }

    #[test]
    fn accounting_table() {
        // (name, page, source, complete, opposed, unbacked)
        let cases: &[(&str, &str, &str, bool, usize, usize)] = &[
            (
                "identical",
                "The ferry struck the pier on Tuesday.",
                "The ferry struck the pier on Tuesday.",
                true,
                0,
                0,
            ),
            (
                "function words and framing",
                "The ferry struck a pier on Tuesday, officials said.",
                "A ferry struck the pier on Tuesday.",
                true,
                0,
                0,
            ),
            (
                "inflection",
                "Prices are rising in the city.",
                "Prices rose in the city.",
                true,
                0,
                0,
            ),
            (
                "hand antonym",
                "Prices rose sharply in the city.",
                "Prices fell sharply in the city.",
                false,
                1,
                0,
            ),
            (
                "the source says less",
                "Five people were injured in Lyon on Monday.",
                "Five people were injured in Lyon.",
                false,
                0,
                1,
            ),
            (
                "a hedge in the source",
                "Five people were injured in Lyon.",
                "Five people may have been injured in Lyon.",
                false,
                0,
                0,
            ),
            (
                "reordered",
                "In Lyon, five people were injured.",
                "Five people were injured in Lyon.",
                true,
                0,
                0,
            ),
            (
                "another name",
                "The contract went to Boeing last week.",
                "The contract went to Airbus last week.",
                false,
                1,
                0,
            ),
        ];
        for (name, page, source, complete, opposed, unbacked) in cases {
            let a = run(page, source);
            let got = a.unbacked == 0 && a.opposed == 0 && !a.hedged;
            assert_eq!(
                (got, a.opposed, a.unbacked),
                (*complete, *opposed, *unbacked),
                "{name}: {a:#?}"
            );
        }
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for (p, s) in [
            ("", ""),
            ("東京 😀 Hà Nội", "Zoe\u{301} 東京"),
            ("A", "B C D"),
            ("\r\n", "x"),
        ] {
            let _ = run(p, s);
        }
    }
}
