//! Typed facts: compare the facts of a claim with those of a source's sentence and give typed reasons.
//!
//! The two sentences are already known to be about the same thing (retrieval and word overlap
//! decided that). The comparison is slot by slot, and conservative: two values contradict only
//! when they fill the same slot (the same counted noun, the same person, the same preposition)
//! and cannot both be true. Hedged numbers that overlap ("up to 40" and "40") give a noted
//! difference, not a contradiction; synonyms ("Secretary of Defense", "Pentagon chief") and
//! paraphrases ("a dozen", "12") give nothing.

use crate::facts::{
    is_generic_unit, lemma, offices_compatible, place, Date, Facts, Hedge, NameKind, Number,
    NumberKind, PlaceKind, Rank,
};
use crate::judgement::reason::{Class, Reason, ReasonKind};
use crate::text::{is_stopword, tokenize, Token};
use crate::words;
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashSet;
use std::ops::Range;

/// One side of the comparison: the sentence, its facts and (computed on first use) its words.
struct Side<'a> {
    text: &'a str,
    facts: &'a Facts,
    /// `tokenize(text)`, when the caller has it already.
    tokens: Option<&'a [Token]>,
    words: OnceCell<Words<'a>>,
}

/// The words of a sentence, for look-ups that the facts alone do not answer.
struct Words<'a> {
    /// Normalised tokens with spans.
    tokens: Cow<'a, [Token]>,
    /// Lemmas of the tokens.
    stems: Vec<String>,
    /// " word word word " for whole-word look-ups of multi-word names.
    padded: String,
}

impl<'a> Side<'a> {
    fn new(text: &'a str, facts: &'a Facts, tokens: Option<&'a [Token]>) -> Side<'a> {
        Side {
            text,
            facts,
            tokens,
            words: OnceCell::new(),
        }
    }

    fn words(&self) -> &Words<'a> {
        self.words.get_or_init(|| {
            let tokens: Cow<'a, [Token]> = match self.tokens {
                Some(t) => Cow::Borrowed(t),
                None => Cow::Owned(tokenize(self.text)),
            };
            let stems = tokens.iter().map(|t| lemma(&t.norm)).collect();
            let mut padded = String::with_capacity(self.text.len() + 2);
            padded.push(' ');
            for t in tokens.iter() {
                padded.push_str(&t.norm);
                padded.push(' ');
            }
            Words {
                tokens,
                stems,
                padded,
            }
        })
    }

    fn slice(&self, r: &Range<usize>) -> String {
        self.text.get(r.clone()).unwrap_or("").trim().to_string()
    }

    /// True when the sentence contains these normalised words in a row.
    fn has_words(&self, norm: &str) -> bool {
        !norm.is_empty() && self.words().padded.contains(&format!(" {norm} "))
    }

    /// True when the sentence names this person (by the last word of the name).
    fn mentions_person(&self, norm: &str) -> bool {
        norm.rsplit(' ')
            .next()
            .is_some_and(|last| self.has_words(last))
    }
}

/// The differences between the page's claim and a source's sentence, contradicting ones first.
///
/// ```
/// use corroborate::{compare, Facts, ReasonKind};
/// let page = "Congressman Pete Hegseth visited Hanoi with up to 40 aides on Sunday.";
/// let source = "Defense Secretary Pete Hegseth visited Hanoi with 40 aides on Sunday.";
/// let reasons = compare(page, &Facts::extract(page), source, &Facts::extract(source));
/// assert_eq!(reasons[0].kind, ReasonKind::Role);
/// assert!(reasons[0].contradicts);
/// assert_eq!((reasons[0].page.as_str(), reasons[0].source.as_str()), ("Congressman", "Defense Secretary"));
/// assert_eq!(reasons[1].kind, ReasonKind::Hedge);
/// assert!(!reasons[1].contradicts);
/// ```
pub fn compare(page_text: &str, page: &Facts, source_text: &str, source: &Facts) -> Vec<Reason> {
    compare_sides(
        &Side::new(page_text, page, None),
        &Side::new(source_text, source, None),
    )
}

/// [`compare`], for two sentences already read: each `tokens` is `tokenize` of its text.
pub(crate) fn compare_tokenized(
    page: (&str, &Facts, &[Token]),
    source: (&str, &Facts, &[Token]),
) -> Vec<Reason> {
    compare_sides(
        &Side::new(page.0, page.1, Some(page.2)),
        &Side::new(source.0, source.1, Some(source.2)),
    )
}

fn compare_sides(p: &Side, s: &Side) -> Vec<Reason> {
    let mut out = Vec::new();
    compare_roles(p, s, &mut out);
    compare_numbers(p, s, &mut out);
    compare_dates(p, s, &mut out);
    compare_places(p, s, &mut out);
    compare_quotes(p, s, &mut out);
    let negated = compare_negations(p, s, &mut out);
    compare_antonyms(p, s, &negated, &mut out);
    let mut seen: Vec<Reason> = Vec::with_capacity(out.len());
    for r in out {
        if !seen.contains(&r) {
            seen.push(r);
        }
    }
    crate::sort::sort_by(&mut seen, |a, b| (!a.contradicts).cmp(&!b.contradicts));
    seen
}

fn reason(kind: ReasonKind, contradicts: bool, page: String, source: String) -> Reason {
    Reason {
        kind,
        contradicts,
        page,
        source,
        class: None,
    }
}

// ---------------------------------------------------------------- numbers

/// The counted noun that identifies a number's slot: specific words if any, else generic ones.
fn key(n: &Number) -> Vec<&str> {
    let specific: Vec<&str> = n
        .unit
        .iter()
        .map(String::as_str)
        .filter(|u| !is_generic_unit(u))
        .collect();
    if specific.is_empty() {
        n.unit.iter().map(String::as_str).collect()
    } else {
        specific
    }
}

fn is_time_unit(u: &str) -> bool {
    matches!(u, "year" | "month" | "week" | "day" | "hour" | "minute")
}

/// True when two numbers count the same thing.
fn same_slot(a: &Number, b: &Number) -> bool {
    let money = |n: &Number| n.kind == NumberKind::Money;
    let pct = |n: &Number| n.kind == NumberKind::Percent;
    if money(a) != money(b) || pct(a) != pct(b) || a.ago != b.ago {
        return false;
    }
    // An ordinal only compares with an ordinal, except anniversaries with years.
    let time = |n: &Number| n.unit.iter().any(|u| is_time_unit(u));
    if (a.kind == NumberKind::Ordinal) != (b.kind == NumberKind::Ordinal) && !(time(a) && time(b)) {
        return false;
    }
    if !a.after.is_empty() && !b.after.is_empty() && a.after != b.after {
        return false;
    }
    let (ka, kb) = (key(a), key(b));
    if ka.is_empty() && kb.is_empty() {
        return !a.before.is_empty() && a.before == b.before;
    }
    ka.iter().any(|u| kb.contains(u))
}

/// Hedge classes: numbers with the same class and value say the same thing.
fn hedge_class(h: Hedge) -> u8 {
    match h {
        Hedge::None | Hedge::Exact => 0,
        Hedge::About => 1,
        Hedge::Nearly => 2,
        Hedge::UpTo | Hedge::AtMost => 3,
        Hedge::AtLeast | Hedge::MoreThan => 4,
        Hedge::FewerThan => 5,
        Hedge::Range => 6,
    }
}

/// The values a hedged number allows: (low, high, low is strict, high is strict).
fn interval(n: &Number) -> (f64, f64, bool, bool) {
    let v = n.value;
    match n.hedge {
        Hedge::None | Hedge::Exact => (v, v, false, false),
        Hedge::About => (v * 0.9, v * 1.1, false, false),
        Hedge::Nearly => (v * 0.85, v, false, false),
        Hedge::UpTo | Hedge::AtMost => (0.0, v, false, false),
        Hedge::AtLeast => (v, f64::INFINITY, false, false),
        Hedge::MoreThan => (v, f64::INFINITY, true, false),
        Hedge::FewerThan => (0.0, v, false, true),
        Hedge::Range => (v, n.upper, false, false),
    }
}

fn compatible(a: &Number, b: &Number) -> bool {
    // Two bounds the same way ("up to 40", "up to 60") always overlap, yet state different
    // figures.
    let class = hedge_class(a.hedge);
    if class == hedge_class(b.hedge) && matches!(class, 3..=5) && a.value != b.value {
        return false;
    }
    let (alo, ahi, alos, ahis) = interval(a);
    let (blo, bhi, blos, bhis) = interval(b);
    if ahi < blo || bhi < alo {
        return false;
    }
    // "more than 40" and "fewer than 40" touch only at 40, which neither allows.
    !((ahi == blo && ahis && blos) || (bhi == alo && bhis && alos))
}

/// True when every value that `b` allows is one that `a` allows: "40" backs "up to 40" and
/// "about 40", but not "more than 40"; "nearly 40" excludes 40 itself.
fn backs(b: &Number, a: &Number) -> bool {
    let (alo, ahi, alos, mut ahis) = interval(a);
    let (blo, bhi, blos, bhis) = interval(b);
    if a.hedge == Hedge::Nearly {
        ahis = true;
    }
    let low = blo > alo || (blo == alo && (!alos || blos));
    let high = bhi < ahi || (bhi == ahi && (!ahis || bhis));
    low && high
}

pub(crate) fn same_number(a: &Number, b: &Number) -> bool {
    a.value == b.value && a.upper == b.upper && hedge_class(a.hedge) == hedge_class(b.hedge)
}

fn compare_numbers(p: &Side, s: &Side, out: &mut Vec<Reason>) {
    let pn = &p.facts.numbers;
    let sn = &s.facts.numbers;
    for a in pn {
        let cands: Vec<&Number> = sn.iter().filter(|b| same_slot(a, b)).collect();
        if cands.is_empty() || cands.iter().any(|b| same_number(a, b)) {
            continue;
        }
        let kind = if a.kind == NumberKind::Duration || a.unit.iter().any(|u| is_time_unit(u)) {
            ReasonKind::Duration
        } else {
            ReasonKind::Number
        };
        let closest = |list: &[&&Number]| -> Option<usize> {
            (0..list.len()).min_by(|&i, &j| {
                let di = (list[i].value - a.value).abs();
                let dj = (list[j].value - a.value).abs();
                di.partial_cmp(&dj).unwrap_or(std::cmp::Ordering::Equal)
            })
        };
        let compat: Vec<&&Number> = cands.iter().filter(|b| compatible(a, b)).collect();
        if let Some(i) = closest(&compat) {
            let b = compat[i];
            // The source's number matches another of the page's numbers exactly: nothing to say.
            if pn
                .iter()
                .any(|o| !std::ptr::eq(o, a) && same_number(o, b) && same_slot(o, b))
            {
                continue;
            }
            // The source backs the page's number when all the values it allows are ones the
            // page allows ("40" backs "up to 40"; "up to 40" does not back "40").
            let class = if backs(b, a) {
                Class::Equivalent
            } else {
                Class::Unverifiable
            };
            let mut r = reason(ReasonKind::Hedge, false, p.slice(&a.span), s.slice(&b.span));
            r.class = Some(class);
            out.push(r);
            continue;
        }
        // Several numbers count the same thing: only a number in the same place contradicts.
        let page_rivals = pn
            .iter()
            .filter(|o| !std::ptr::eq(*o, a) && cands.iter().any(|b| same_slot(o, b)))
            .count();
        let all: Vec<&&Number> = cands.iter().collect();
        let pick = if cands.len() == 1 && page_rivals == 0 {
            Some(cands[0])
        } else {
            cands.iter().copied().find(|b| {
                (!a.after.is_empty() && a.after == b.after)
                    || (!a.before.is_empty() && a.before == b.before)
            })
        };
        let _ = all;
        if let Some(b) = pick {
            out.push(reason(kind, true, p.slice(&a.span), s.slice(&b.span)));
        }
    }
}

// ---------------------------------------------------------------- dates

fn shares_component(a: &Date, b: &Date) -> bool {
    (a.year.is_some() && b.year.is_some())
        || (a.month.is_some() && b.month.is_some())
        || (a.weekday.is_some() && b.weekday.is_some())
}

fn dates_compatible(a: &Date, b: &Date) -> bool {
    let eq = |x: Option<i32>, y: Option<i32>| x.is_none() || y.is_none() || x == y;
    let eq8 = |x: Option<u8>, y: Option<u8>| x.is_none() || y.is_none() || x == y;
    let same_month = a.month.is_some() && a.month == b.month;
    eq(a.year, b.year)
        && eq8(a.month, b.month)
        && (!same_month || eq8(a.day, b.day))
        && eq8(a.weekday, b.weekday)
        && (!same_month
            || a.part.is_none()
            || b.part.is_none()
            || a.part == b.part
            || a.day.is_some()
            || b.day.is_some())
}

fn compare_dates(p: &Side, s: &Side, out: &mut Vec<Reason>) {
    let pd = &p.facts.dates;
    let sd = &s.facts.dates;
    for a in pd {
        let cands: Vec<&Date> = sd.iter().filter(|b| shares_component(a, b)).collect();
        if cands.is_empty() || cands.iter().any(|b| dates_compatible(a, b)) {
            continue;
        }
        let page_rivals = pd
            .iter()
            .filter(|o| !std::ptr::eq(*o, a) && cands.iter().any(|b| shares_component(o, b)))
            .count();
        let pick = if cands.len() == 1 && page_rivals == 0 {
            Some(cands[0])
        } else {
            cands
                .iter()
                .copied()
                .find(|b| !a.context.is_empty() && a.context == b.context)
        };
        if let Some(b) = pick {
            out.push(reason(
                ReasonKind::Date,
                true,
                p.slice(&a.span),
                s.slice(&b.span),
            ));
        }
    }
}

// ---------------------------------------------------------------- roles and people

fn same_person(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let last = |n: &str| n.rsplit(' ').next().unwrap_or("").to_string();
    a == b || last(a) == last(b) || a.contains(b) || b.contains(a)
}

fn compare_roles(p: &Side, s: &Side, out: &mut Vec<Reason>) {
    for a in &p.facts.roles {
        // The same person with another title.
        let theirs: Vec<_> = s
            .facts
            .roles
            .iter()
            .filter(|b| same_person(&a.person_norm, &b.person_norm))
            .collect();
        if !theirs.is_empty() {
            let fits = |b: &&crate::facts::Role| {
                a.rank == Rank::Former
                    || b.rank == Rank::Former
                    || (a.rank == b.rank
                        && offices_compatible((a.office, a.family), (b.office, b.family)))
            };
            if !theirs.iter().any(fits) {
                // Another title of the page's person that fits the source's makes it a
                // second role, not a contradiction.
                let page_other = p.facts.roles.iter().any(|o| {
                    !std::ptr::eq(o, a)
                        && same_person(&o.person_norm, &a.person_norm)
                        && theirs.iter().any(|b| {
                            o.rank == b.rank
                                && offices_compatible((o.office, o.family), (b.office, b.family))
                        })
                });
                if !page_other {
                    if let Some(b) = theirs.first() {
                        out.push(reason(
                            ReasonKind::Role,
                            true,
                            p.slice(&a.span),
                            s.slice(&b.span),
                        ));
                    }
                }
            }
            continue;
        }
        // Another person in the same office.
        if a.office.is_empty() || a.person_norm.is_empty() || s.mentions_person(&a.person_norm) {
            continue;
        }
        for b in &s.facts.roles {
            let same_office = b.office == a.office && b.family == a.family && b.rank == a.rank;
            let same_country =
                a.qualifier.is_none() || b.qualifier.is_none() || a.qualifier == b.qualifier;
            if same_office
                && same_country
                && !b.person_norm.is_empty()
                && !p.mentions_person(&b.person_norm)
            {
                if let (Some(pa), Some(pb)) = (&a.person, &b.person) {
                    out.push(reason(ReasonKind::Person, true, p.slice(pa), s.slice(pb)));
                    break;
                }
            }
        }
    }
}

// ---------------------------------------------------------------- places

/// Words before a place that make it the place where something happened or went.
fn is_place_slot(context: &str) -> bool {
    words::contains(words::PLACE_SLOTS, context)
}

/// True when one place contains the other (a city and its country) or they are the same.
fn related_places(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    match (place(a), place(b)) {
        (Some((ka, ca)), Some((kb, cb))) => {
            ca == cb && (ka == PlaceKind::Country || kb == PlaceKind::Country)
        }
        _ => false,
    }
}

fn compare_places(p: &Side, s: &Side, out: &mut Vec<Reason>) {
    for a in p
        .facts
        .names
        .iter()
        .filter(|n| n.kind == NameKind::Place && is_place_slot(&n.context))
    {
        if s.has_words(&a.norm) {
            continue;
        }
        // The source names a place that holds or is in this one: no contradiction.
        let related = s
            .facts
            .names
            .iter()
            .any(|b| b.kind == NameKind::Place && related_places(&a.norm, &b.norm));
        if related {
            continue;
        }
        let pick = s.facts.names.iter().find(|b| {
            b.kind == NameKind::Place
                && b.context == a.context
                && !p.has_words(&b.norm)
                && !p
                    .facts
                    .names
                    .iter()
                    .any(|o| o.kind == NameKind::Place && related_places(&o.norm, &b.norm))
        });
        if let Some(b) = pick {
            out.push(reason(
                ReasonKind::Place,
                true,
                p.slice(&a.span),
                s.slice(&b.span),
            ));
        }
    }
}

// ---------------------------------------------------------------- quotes

/// The distinct stems of the content words inside `r`, in order, with a set of them for
/// look-ups. Tokens are in text order, so the range is found by binary search: a page of many
/// quotes costs what its tokens do.
fn content_stems<'s>(side: &'s Side, r: &Range<usize>) -> (Vec<&'s str>, HashSet<&'s str>) {
    let mut out: Vec<&str> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    let w = side.words();
    let first = w.tokens.partition_point(|t| t.start < r.start);
    for (t, st) in w.tokens[first..].iter().zip(&w.stems[first..]) {
        if t.end > r.end {
            break;
        }
        if !is_stopword(&t.norm) && seen.insert(st.as_str()) {
            out.push(st.as_str());
        }
    }
    (out, seen)
}

fn compare_quotes(p: &Side, s: &Side, out: &mut Vec<Reason>) {
    if p.facts.quotes.is_empty() || s.facts.quotes.is_empty() {
        return;
    }
    // The source's quotes, read once.
    let theirs: Vec<_> = s
        .facts
        .quotes
        .iter()
        .map(|b| content_stems(s, &b.span))
        .collect();
    for a in &p.facts.quotes {
        let (wa, set_a) = content_stems(p, &a.span);
        if wa.is_empty() {
            continue;
        }
        let mut best: Option<(f32, usize)> = None;
        for (i, (wb, set_b)) in theirs.iter().enumerate() {
            let shared = wa.iter().filter(|w| set_b.contains(*w)).count();
            let small = wa.len().min(wb.len());
            if small == 0 || (small < 2 && wa != *wb) {
                continue;
            }
            let overlap = shared as f32 / small as f32;
            if overlap >= 0.5 && best.is_none_or(|(o, _)| overlap > o) {
                best = Some((overlap, i));
            }
        }
        let Some((_, i)) = best else { continue };
        let Some((wb, set_b)) = theirs.get(i) else {
            continue;
        };
        let Some(b) = s.facts.quotes.get(i) else {
            continue;
        };
        if let (Some(sa), Some(sb)) = (&a.speaker, &b.speaker) {
            if !same_person(&a.speaker_norm, &b.speaker_norm)
                && !s.mentions_person(&a.speaker_norm)
                && !p.mentions_person(&b.speaker_norm)
            {
                out.push(reason(ReasonKind::Quote, true, p.slice(sa), s.slice(sb)));
            }
        }
        let differs =
            wa.iter().any(|w| !set_b.contains(*w)) || wb.iter().any(|w| !set_a.contains(*w));
        if differs && wa.len().max(wb.len()) >= 4 {
            out.push(reason(
                ReasonKind::Quote,
                false,
                p.slice(&a.span),
                s.slice(&b.span),
            ));
        }
    }
}

// ---------------------------------------------------------------- negation and antonyms

/// The source words that assert a predicate without negating it: "was charged".
fn asserted(side: &Side, predicate: &str) -> Option<Range<usize>> {
    if side
        .facts
        .negations
        .iter()
        .any(|n| n.predicate == predicate)
    {
        return None;
    }
    let w = side.words();
    let i = w.stems.iter().position(|st| st == predicate)?;
    let t = w.tokens.get(i)?;
    let mut start = t.start;
    if i > 0 {
        if let Some(prev) = w.tokens.get(i - 1) {
            if matches!(
                prev.norm.as_str(),
                "was"
                    | "were"
                    | "is"
                    | "are"
                    | "has"
                    | "have"
                    | "had"
                    | "been"
                    | "be"
                    | "will"
                    | "did"
            ) {
                start = prev.start;
            }
        }
    }
    Some(start..t.end)
}

/// Returns the page spans of the negation cues that gave a reason.
/// True when a negation's cue word ("denied") has its opposite ("confirmed") on the other
/// side: the antonym says it better.
fn antonym_covers(side: &Side, cue: &Range<usize>, other: &Side) -> bool {
    side.facts.cues.iter().filter(|c| c.span == *cue).any(|c| {
        other
            .facts
            .cues
            .iter()
            .any(|o| o.pair == c.pair && o.side != c.side)
    })
}

fn compare_negations(p: &Side, s: &Side, out: &mut Vec<Reason>) -> Vec<Range<usize>> {
    let mut used = Vec::new();
    for a in &p.facts.negations {
        if antonym_covers(p, &a.cue, s) {
            continue;
        }
        if let Some(r) = asserted(s, &a.predicate) {
            out.push(reason(
                ReasonKind::Negation,
                true,
                p.slice(&a.span),
                s.slice(&r),
            ));
            used.push(a.cue.clone());
        }
    }
    for b in &s.facts.negations {
        if antonym_covers(s, &b.cue, p) {
            continue;
        }
        if let Some(r) = asserted(p, &b.predicate) {
            out.push(reason(
                ReasonKind::Negation,
                true,
                p.slice(&r),
                s.slice(&b.span),
            ));
            used.push(r);
        }
    }
    used
}

fn compare_antonyms(p: &Side, s: &Side, negated: &[Range<usize>], out: &mut Vec<Reason>) {
    for a in p.facts.cues.iter().filter(|c| !c.negated) {
        if negated
            .iter()
            .any(|r| r.start <= a.span.start && a.span.end <= r.end)
        {
            continue;
        }
        let page_both = p
            .facts
            .cues
            .iter()
            .any(|c| c.pair == a.pair && c.side != a.side);
        let source_same = s
            .facts
            .cues
            .iter()
            .any(|c| c.pair == a.pair && c.side == a.side);
        if page_both || source_same {
            continue;
        }
        let pick = s.facts.cues.iter().find(|b| {
            b.pair == a.pair
                && b.side != a.side
                && !b.negated
                && (!a.weak
                    || (!a.next.is_empty() && a.next == b.next)
                    || (!a.prev.is_empty() && a.prev == b.prev))
        });
        if let Some(b) = pick {
            if negated
                .iter()
                .any(|r| r.start <= b.span.start && b.span.end <= r.end)
            {
                continue;
            }
            out.push(reason(
                ReasonKind::Antonym,
                true,
                p.slice(&a.span),
                s.slice(&b.span),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReasonKind::*;

    fn run(page: &str, source: &str) -> Vec<Reason> {
        compare(page, &Facts::extract(page), source, &Facts::extract(source))
    }

    fn summary(rs: &[Reason]) -> Vec<(ReasonKind, bool, &str, &str)> {
        rs.iter()
            .map(|r| (r.kind, r.contradicts, r.page.as_str(), r.source.as_str()))
            .collect()
    }

    #[test]
    fn contradictions() {
        let cases: &[(&str, &str, (ReasonKind, &str, &str))] = &[
            // numbers
            (
                "Five people were injured in Lyon.",
                "Three people were injured in Lyon.",
                (
                    Number,
                    "Five people were injured",
                    "Three people were injured",
                ),
            ),
            (
                "Police said 5 were injured.",
                "Police said 3 were hurt.",
                (Number, "5 were injured", "3 were hurt"),
            ),
            (
                "They seized three patrol boats.",
                "They seized five patrol boats.",
                (Number, "three patrol boats", "five patrol boats"),
            ),
            (
                "At least 5 were killed.",
                "Three people were killed.",
                (Number, "At least 5 were killed", "Three people were killed"),
            ),
            (
                "More than 1,000 people fled.",
                "Fewer than 1,000 people fled.",
                (Number, "More than 1,000 people", "Fewer than 1,000 people"),
            ),
            (
                "Up to 40 jets may come.",
                "Up to 60 jets may come.",
                (Number, "Up to 40 jets", "Up to 60 jets"),
            ),
            (
                "About 50 troops were wounded.",
                "About 80 soldiers were wounded.",
                (Number, "About 50 troops", "About 80 soldiers"),
            ),
            (
                "Prices rose 5% in the month.",
                "Prices rose 9% in the month.",
                (Number, "5%", "9%"),
            ),
            (
                "The toll rose to 12.",
                "The toll rose to 15.",
                (Number, "12", "15"),
            ),
            (
                "It was his second visit to Lyon.",
                "It was his third visit to Lyon.",
                (Number, "second visit", "third visit"),
            ),
            // durations
            (
                "The war lasted a decade.",
                "The war lasted five years.",
                (Duration, "a decade", "five years"),
            ),
            (
                "The war ended 50 years ago.",
                "The war ended 40 years ago.",
                (Duration, "50 years ago", "40 years ago"),
            ),
            (
                "It marks the 30th anniversary of ties.",
                "It marks 20 years of ties.",
                (Duration, "30th anniversary", "20 years"),
            ),
            // dates
            (
                "He visited Hanoi on Sunday.",
                "He visited Hanoi on Monday.",
                (Date, "Sunday", "Monday"),
            ),
            (
                "The talks were held in 2016.",
                "The talks were held in 2018.",
                (Date, "2016", "2018"),
            ),
            (
                "The talks began on November 2, 2025.",
                "The talks began on November 3, 2025.",
                (Date, "November 2, 2025", "November 3, 2025"),
            ),
            (
                "The talks began in October.",
                "The talks began in December.",
                (Date, "October", "December"),
            ),
            (
                "The talks began in early October.",
                "The talks began in late October.",
                (Date, "early October", "late October"),
            ),
            // roles and people
            (
                "Congressman Pete Hegseth visited Hanoi.",
                "Defense Secretary Pete Hegseth visited Hanoi.",
                (Role, "Congressman", "Defense Secretary"),
            ),
            (
                "Senator Jane Doe spoke in Lyon.",
                "Congresswoman Jane Doe spoke in Lyon.",
                (Role, "Senator", "Congresswoman"),
            ),
            (
                "Deputy Defense Secretary Jane Doe spoke.",
                "Defense Secretary Jane Doe spoke.",
                (Role, "Deputy Defense Secretary", "Defense Secretary"),
            ),
            (
                "Jane Doe, the foreign minister, spoke in Lyon.",
                "Jane Doe, the defense minister, spoke in Lyon.",
                (Role, "foreign minister", "defense minister"),
            ),
            (
                "Defense Secretary Lloyd Austin visited Hanoi.",
                "Defense Secretary Pete Hegseth visited Hanoi.",
                (Person, "Lloyd Austin", "Pete Hegseth"),
            ),
            // places
            (
                "Five people were injured in Lyon.",
                "Five people were injured in Marseille.",
                (Place, "Lyon", "Marseille"),
            ),
            (
                "He visited Hanoi last week.",
                "He visited Da Nang last week.",
                (Place, "Hanoi", "Da Nang"),
            ),
            (
                "The summit was held in Malaysia.",
                "The summit was held in Thailand.",
                (Place, "Malaysia", "Thailand"),
            ),
            // quotes
            (
                "“We will return the artifacts to the families,” Hegseth said.",
                "“We will return the artifacts to the families,” Giang said.",
                (Quote, "Hegseth", "Giang"),
            ),
            // negation
            (
                "The driver was not charged.",
                "The driver was charged.",
                (Negation, "was not charged", "was charged"),
            ),
            (
                "The driver was charged.",
                "The driver was not charged.",
                (Negation, "was charged", "was not charged"),
            ),
            (
                "He never visited Lyon.",
                "He visited Lyon twice.",
                (Negation, "never visited", "visited"),
            ),
            (
                "He denied meeting the envoy.",
                "He met the envoy.",
                (Negation, "denied meeting", "met"),
            ),
            (
                "They failed to reach a deal.",
                "They reached a deal.",
                (Negation, "failed to reach", "reached"),
            ),
            // antonyms
            (
                "Profits rose sharply.",
                "Profits fell sharply.",
                (Antonym, "rose", "fell"),
            ),
            (
                "The council approved the plan.",
                "The council rejected the plan.",
                (Antonym, "approved", "rejected"),
            ),
            (
                "The team won the final.",
                "The team lost the final.",
                (Antonym, "won", "lost"),
            ),
            (
                "Police arrested the driver.",
                "Police released the driver.",
                (Antonym, "arrested", "released"),
            ),
            (
                "The ministry confirmed the sale.",
                "The ministry denied the sale.",
                (Antonym, "confirmed", "denied"),
            ),
            (
                "She accepted the offer.",
                "She refused the offer.",
                (Antonym, "accepted", "refused"),
            ),
            (
                "The hostage is alive.",
                "The hostage is dead.",
                (Antonym, "alive", "dead"),
            ),
            (
                "He arrived before the vote.",
                "He arrived after the vote.",
                (Antonym, "before", "after"),
            ),
            (
                "Sales increased this year.",
                "Sales decreased this year.",
                (Antonym, "increased", "decreased"),
            ),
        ];
        for (page, source, (kind, pw, sw)) in cases {
            let got = run(page, source);
            let contra: Vec<_> = summary(&got).into_iter().filter(|r| r.1).collect();
            assert_eq!(
                contra,
                vec![(*kind, true, *pw, *sw)],
                "{page:?} vs {source:?}: {got:?}"
            );
        }
    }

    #[test]
    fn noted_differences_that_do_not_contradict() {
        let cases: &[(&str, &str, (ReasonKind, &str, &str))] = &[
            (
                "Hanoi may buy 40 Russian Su-35 fighter jets.",
                "Hanoi may buy up to 40 Russian Su-35 fighters.",
                (
                    Hedge,
                    "40 Russian Su-35 fighter jets",
                    "up to 40 Russian Su-35 fighters",
                ),
            ),
            (
                "Hanoi may buy up to 40 jets.",
                "Hanoi may buy 40 jets.",
                (Hedge, "up to 40 jets", "40 jets"),
            ),
            (
                "About 50 troops were wounded.",
                "48 soldiers were wounded.",
                (Hedge, "About 50 troops", "48 soldiers"),
            ),
            (
                "At least 5 were killed.",
                "Seven people were killed.",
                (Hedge, "At least 5 were killed", "Seven people were killed"),
            ),
            (
                "More than 40 jets came.",
                "45 jets came.",
                (Hedge, "More than 40 jets", "45 jets"),
            ),
            (
                "Nearly 20 ships sank.",
                "19 ships sank.",
                (Hedge, "Nearly 20 ships", "19 ships"),
            ),
            (
                "Between 30 and 40 jets came.",
                "35 jets came.",
                (Hedge, "Between 30 and 40 jets", "35 jets"),
            ),
            (
                "Fewer than 40 jets came.",
                "38 jets came.",
                (Hedge, "Fewer than 40 jets", "38 jets"),
            ),
            (
                "“We will bring home every soldier and every relic,” Hegseth said.",
                "“We will bring home every soldier,” Hegseth said.",
                (
                    Quote,
                    "We will bring home every soldier and every relic",
                    "We will bring home every soldier",
                ),
            ),
        ];
        for (page, source, (kind, pw, sw)) in cases {
            let got = run(page, source);
            assert_eq!(
                summary(&got),
                vec![(*kind, false, *pw, *sw)],
                "{page:?} vs {source:?}"
            );
        }
    }

    #[test]
    fn same_facts_in_other_words_give_nothing() {
        let cases = [
            ("A dozen boats were seized.", "12 vessels were taken."),
            ("The war lasted a decade.", "The war lasted 10 years."),
            (
                "It was the first visit in nearly 20 years.",
                "It was the first trip in almost two decades.",
            ),
            (
                "The trip marks the 30th anniversary of diplomatic relations.",
                "The trip marks 30 years of diplomatic relations.",
            ),
            (
                "It marks the second anniversary of the pact.",
                "It marks two years since the pact.",
            ),
            (
                "The war ended five decades ago.",
                "The war ended 50 years ago.",
            ),
            (
                "Secretary of War Pete Hegseth visited Hanoi.",
                "Pentagon chief Pete Hegseth visited Hanoi.",
            ),
            (
                "Defense Secretary Pete Hegseth visited Hanoi.",
                "Secretary of Defense Pete Hegseth visited Hanoi.",
            ),
            (
                "Defense chief Pete Hegseth visited Hanoi.",
                "Defense Secretary Pete Hegseth visited Hanoi.",
            ),
            ("Congressman John Roe spoke.", "Rep. John Roe spoke."),
            (
                "Representative John Roe spoke.",
                "Congressman John Roe spoke.",
            ),
            ("Lawmaker John Roe spoke.", "Senator John Roe spoke."),
            ("President To Lam spoke.", "Party chief To Lam spoke."),
            (
                "Former Congressman Pete Hegseth spoke.",
                "Defense Secretary Pete Hegseth spoke.",
            ),
            (
                "Officials said Pete Hegseth, the defense secretary, spoke.",
                "Pentagon chief Pete Hegseth spoke.",
            ),
            ("He visited Hanoi.", "He visited Vietnam."),
            ("He visited Vietnam.", "He visited Hanoi."),
            ("Troops seized the town.", "Soldiers took the town."),
            ("Five soldiers were wounded.", "Five troops were injured."),
            (
                "The talks began in November.",
                "The talks began on November 2, 2025.",
            ),
            ("They met on Sunday.", "They met on Sunday, November 2."),
            (
                "The driver was not charged.",
                "The driver was not charged with anything.",
            ),
            (
                "He traveled to Hanoi after being in Kuala Lumpur.",
                "Before traveling to Hanoi, he was in Kuala Lumpur.",
            ),
            (
                "Hegseth met Defense Minister Phan Van Giang in Hanoi.",
                "Defense Secretary Pete Hegseth met Giang in Hanoi.",
            ),
            (
                "Hegseth met Vietnam's Defense Minister Phan Van Giang.",
                "U.S. Defense Secretary Pete Hegseth met Giang.",
            ),
            ("“We will stay,” Hegseth said.", "“We will stay,” he said."),
            (
                "“We will stay,” Hegseth said.",
                "“We will stay,” said Defense Secretary Pete Hegseth.",
            ),
            ("Prices did not rise.", "Prices fell."),
            (
                "Five people died and 12 were injured.",
                "Twelve people were injured and five died.",
            ),
            (
                "Three jets landed in 2016 and five in 2018.",
                "Three jets landed in 2016, and five in 2018.",
            ),
            (
                "He met the envoy on Monday.",
                "On Monday he met the envoy in Lyon.",
            ),
        ];
        for (page, source) in cases {
            let got = run(page, source);
            assert!(
                got.iter().all(|r| !r.contradicts),
                "{page:?} vs {source:?}: {got:?}"
            );
            assert_eq!(got, vec![], "{page:?} vs {source:?}");
        }
    }

    #[test]
    fn facts_only_one_side_has_give_nothing() {
        let cases = [
            (
                "Five people were injured in Lyon on Monday.",
                "People were injured in Lyon.",
            ),
            (
                "People were injured.",
                "Five people were injured in Lyon on Monday.",
            ),
            (
                "Pete Hegseth visited Hanoi.",
                "Defense Secretary Pete Hegseth visited Hanoi.",
            ),
            (
                "Hegseth visited Hanoi.",
                "Hegseth visited Hanoi and Da Nang.",
            ),
            ("The visit ended.", "The visit ended in 2016."),
        ];
        for (page, source) in cases {
            assert_eq!(run(page, source), vec![], "{page:?} vs {source:?}");
        }
    }

    #[test]
    fn contradicting_reasons_come_first() {
        let got = run(
            "Congressman Pete Hegseth visited Hanoi with up to 40 aides on Sunday.",
            "Defense Secretary Pete Hegseth visited Da Nang with 40 aides on Monday.",
        );
        let kinds: Vec<(ReasonKind, bool)> = got.iter().map(|r| (r.kind, r.contradicts)).collect();
        assert_eq!(
            kinds,
            [(Role, true), (Date, true), (Place, true), (Hedge, false)]
        );
    }

    #[test]
    fn empty_and_odd_input() {
        let cases = [
            ("", ""),
            ("", "Five people were injured."),
            ("“", "”"),
            ("😀 5 😀", "😀 6 😀"),
        ];
        for (page, source) in cases {
            let _ = run(page, source);
        }
    }
}
