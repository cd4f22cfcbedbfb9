//! The checkable slots of a sentence: numbers with their hedges and counted nouns, dates,
//! names of people, places and organisations, roles with the person holding them, quotes with
//! their speaker, negations and antonym cues. Every fact keeps the byte span of its words in the
//! sentence, so that a reason can quote them.
//!
//! Extraction is a few hand-written passes over the sentence's tokens, with small tables (see
//! `lexicon` and `crate::words`); the shapes of single tokens (decimals, "30th", years, ISO
//! dates) are regular expressions (see `pattern`), which read more plainly than scanners.

mod lexicon;
mod number;
mod pattern;

pub use lexicon::Family;
pub(crate) use lexicon::{
    antonym, is_generic_unit, is_negation, is_pronoun, offices_compatible, place, PlaceKind,
};
pub(crate) use number::{month_of, weekday_of};

use crate::text::{is_stopword, stem, tokenize, Token};
use crate::words;
use lexicon::{
    is_aux, is_honorific, is_negation_filler, is_org_cue, is_speech_verb, is_thing_cue,
    roles_starting,
};
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;

/// How a number is qualified.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Hedge {
    /// A plain number: "40 jets".
    #[default]
    None,
    /// Stressed as exact: "exactly 40", "only 40".
    Exact,
    /// "about", "around", "roughly", "approximately", "some", "an estimated".
    About,
    /// Slightly less: "nearly", "almost", "close to".
    Nearly,
    /// An upper bound that may be reached: "up to", "as many as".
    UpTo,
    /// "at most", "no more than".
    AtMost,
    /// "at least", "no fewer than".
    AtLeast,
    /// "more than", "over", "upwards of".
    MoreThan,
    /// "fewer than", "less than", "under".
    FewerThan,
    /// A range: "30 to 40", "between 30 and 40".
    Range,
}

/// What a number measures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberKind {
    /// A count of things: "40 jets".
    #[default]
    Count,
    /// A rank: "30th", "second".
    Ordinal,
    /// A span of time; the value is in the unit's terms, decades and centuries as years.
    Duration,
    /// A percentage.
    Percent,
    /// An amount of money.
    Money,
    /// A fraction: "half".
    Fraction,
}

/// A number in the sentence.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Number {
    /// Byte span of the hedge, the number and its counted noun: "up to 40 Russian Su-35 fighters".
    pub span: Range<usize>,
    /// The value ("a dozen" = 12, "two decades" = 20 with unit year, "3.5 million" = 3500000).
    pub value: f64,
    /// The upper end of a range; equal to `value` otherwise.
    pub upper: f64,
    /// What the number measures.
    pub kind: NumberKind,
    /// How it is qualified.
    pub hedge: Hedge,
    /// Canonical stems of the counted noun ("fighter jets" → ["aircraft", "aircraft"]).
    pub unit: Vec<String>,
    /// Stem of the content word before the number, to align numbers without a noun.
    pub before: String,
    /// Stem of the content word that the counted noun is "of"/"since": "30 years of [diplomatic] ties".
    pub after: String,
    /// "50 years ago".
    pub ago: bool,
}

/// Early, mid or late in a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePart {
    /// "early October", "the beginning of 2024".
    Early,
    /// "mid-October".
    Mid,
    /// "late October", "the end of 2024".
    Late,
}

/// A date, possibly partial: a weekday, a month, a year, or a full date.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Date {
    /// Byte span: "early October", "November 2, 2025", "Sunday".
    pub span: Range<usize>,
    /// The year.
    pub year: Option<i32>,
    /// The month, 1 to 12.
    pub month: Option<u8>,
    /// The day of the month.
    pub day: Option<u8>,
    /// The weekday, 1 (Monday) to 7 (Sunday).
    pub weekday: Option<u8>,
    /// Early, mid or late in the period.
    pub part: Option<DatePart>,
    /// The word before the date ("on", "in", "since").
    pub context: String,
}

/// What a capitalised name is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    /// A person.
    Person,
    /// A country, city or region.
    Place,
    /// An organisation: a ministry, a party, a company.
    Organisation,
    /// A nationality adjective: "Russian".
    Nationality,
    /// Anything else: events, programmes, unknown words.
    #[default]
    Other,
}

/// A capitalised name.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Name {
    /// Byte span of the name.
    pub span: Range<usize>,
    /// What it is.
    pub kind: NameKind,
    /// Normalised words, space-separated ("phan van giang").
    pub norm: String,
    /// For places and nationalities: the country code ("vn").
    pub country: Option<&'static str>,
    /// The word before the name, stemmed ("in", "visit", "to"): the slot it fills.
    pub context: String,
}

/// Deputy, former, or the office itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rank {
    /// The office itself (also "acting").
    #[default]
    Full,
    /// "deputy", "assistant", "under".
    Deputy,
    /// "former", "ex-", "outgoing": compatible with any present role.
    Former,
}

/// A role or title, with the person holding it when the sentence says so.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Role {
    /// Byte span of the title: "Defense Secretary", "former Congressman".
    pub span: Range<usize>,
    /// Canonical office ("defense" for Defense Secretary, Secretary of War, Pentagon chief);
    /// "" for a generic title ("official", "lawmaker").
    pub office: &'static str,
    /// The office's family.
    pub family: Family,
    /// Deputy, former or full.
    pub rank: Rank,
    /// Byte span of the person holding it.
    pub person: Option<Range<usize>>,
    /// The person's normalised name.
    pub person_norm: String,
    /// The country of the office, when the sentence qualifies it ("U.S.", "Vietnam's").
    pub qualifier: Option<&'static str>,
}

/// A quotation.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Quote {
    /// Byte span of the quoted words, without the quote marks.
    pub span: Range<usize>,
    /// Byte span of the named speaker.
    pub speaker: Option<Range<usize>>,
    /// The speaker's normalised name.
    pub speaker_norm: String,
    /// The speaker is a pronoun ("he said"): known to exist, not named.
    pub pronoun: bool,
}

/// A negated predicate: "was not charged", "never visited", "denied meeting".
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Negation {
    /// Byte span from the auxiliary or cue to the predicate: "was not charged".
    pub span: Range<usize>,
    /// Byte span of the cue word: "not".
    pub cue: Range<usize>,
    /// Stem of the negated word: "charg".
    pub predicate: String,
}

/// A word with an opposite: "rose", "fell", "approved", "rejected".
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Cue {
    /// Byte span of the word.
    pub span: Range<usize>,
    /// Which antonym pair it belongs to.
    pub pair: u8,
    /// Which side of the pair.
    pub side: bool,
    /// A weak pair ("before"/"after") counts only with the same neighbour.
    pub weak: bool,
    /// The word is itself negated ("did not rise").
    pub negated: bool,
    /// Stem of the content word before it.
    pub prev: String,
    /// Stem of the content word after it.
    pub next: String,
}

/// The facts found in one sentence.
///
/// ```
/// use corroborate::Facts;
/// let f = Facts::extract("Defense Secretary Pete Hegseth said up to 40 jets could arrive by early October.");
/// assert_eq!(f.numbers[0].value, 40.0);
/// assert_eq!(f.roles[0].office, "defense");
/// assert_eq!(f.roles[0].person_norm, "pete hegseth");
/// assert_eq!(f.dates[0].month, Some(10));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Facts {
    /// Numbers with their hedge and counted noun.
    pub numbers: Vec<Number>,
    /// Dates.
    pub dates: Vec<Date>,
    /// Capitalised names that are not roles, dates or months.
    pub names: Vec<Name>,
    /// Roles and titles with their holder.
    pub roles: Vec<Role>,
    /// Quotations with their speaker.
    pub quotes: Vec<Quote>,
    /// Negated predicates.
    pub negations: Vec<Negation>,
    /// Words with an opposite.
    pub cues: Vec<Cue>,
}

/// The tokens of the sentence being read, and which are taken by a fact already.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub toks: std::borrow::Cow<'a, [Token]>,
    used: Vec<bool>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(text: &'a str) -> Ctx<'a> {
        let toks = tokenize(text);
        let used = vec![false; toks.len()];
        Ctx {
            text,
            toks: toks.into(),
            used,
        }
    }

    /// The context of a text already tokenised (`toks` is `tokenize(text)`).
    fn of_tokens(text: &'a str, toks: &'a [Token]) -> Ctx<'a> {
        Ctx {
            text,
            toks: toks.into(),
            used: vec![false; toks.len()],
        }
    }

    /// Normalised form of token `i`, "" past the end.
    pub(crate) fn norm(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.norm.as_str())
    }

    /// The original text of token `i`.
    pub(crate) fn raw(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    /// True when token `i` starts with a capital letter.
    pub(crate) fn cap(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// The text between token `i` and the next one (or the end).
    pub(crate) fn gap(&self, i: usize) -> &'a str {
        let Some(t) = self.toks.get(i) else { return "" };
        let end = self.toks.get(i + 1).map_or(self.text.len(), |n| n.start);
        self.text.get(t.end..end).unwrap_or("")
    }

    /// True when token `i` and the next one are separated by spaces or a hyphen only (or by
    /// the dot of an abbreviation: "U.S. Navy", "Nov. 2").
    pub(crate) fn joined(&self, i: usize) -> bool {
        if self.toks.get(i + 1).is_none() {
            return false;
        }
        let g = self.gap(i).trim();
        match g {
            "" | "-" | "\u{2010}" | "\u{2011}" | "\u{2013}" => true,
            "." => self.norm(i).contains('.') || (self.cap(i) && self.raw(i).chars().count() <= 4),
            _ => false,
        }
    }

    /// Like [`Ctx::joined`], but a comma may stand between.
    pub(crate) fn joined_loose(&self, i: usize) -> bool {
        self.joined(i) || (self.toks.get(i + 1).is_some() && self.gap(i).trim() == ",")
    }

    pub(crate) fn used(&self, i: usize) -> bool {
        self.used.get(i).copied().unwrap_or(true)
    }

    pub(crate) fn mark(&mut self, i: usize) {
        if let Some(u) = self.used.get_mut(i) {
            *u = true;
        }
    }

    fn span(&self, first: usize, end: usize) -> Range<usize> {
        let s = self.toks.get(first).map_or(0, |t| t.start);
        let e = self.toks.get(end.saturating_sub(1)).map_or(s, |t| t.end);
        s..e.max(s)
    }
}

/// A name while extraction runs: its token range.
struct NameTok {
    first: usize,
    end: usize,
    name: Name,
}

/// A role while extraction runs.
struct RoleTok {
    first: usize,
    end: usize,
    role: Role,
}

impl Facts {
    /// Extract the facts of one sentence.
    ///
    /// ```
    /// use corroborate::Facts;
    /// let f = Facts::extract("“We will not leave,” said Lyon mayor Anne Roche on Sunday, November 2, 2025.");
    /// assert_eq!(f.quotes[0].speaker_norm, "anne roche");
    /// assert_eq!(f.dates[0].day, Some(2));
    /// assert_eq!(f.dates[0].weekday, Some(7));
    /// assert_eq!(f.negations[0].predicate, "leav");
    /// ```
    pub fn extract(text: &str) -> Facts {
        Facts::from_ctx(Ctx::new(text))
    }

    /// The facts of a text already tokenised: `tokens` must be `tokenize(text)`.
    pub(crate) fn extract_tokenized(text: &str, tokens: &[Token]) -> Facts {
        Facts::from_ctx(Ctx::of_tokens(text, tokens))
    }

    fn from_ctx(mut ctx: Ctx) -> Facts {
        let dates = number::dates(&mut ctx);
        let numbers = number::numbers(&mut ctx);
        let mut roles = find_roles(&mut ctx);
        let mut names = find_names(&ctx, &roles);
        if is_headline(&ctx) {
            // In Title Case every word looks like a name: "Defense Chief Returns Artifacts".
            for n in &mut names {
                if n.name.kind == NameKind::Person {
                    n.name.kind = NameKind::Other;
                }
            }
        } else {
            attach_roles(&ctx, &mut roles, &mut names);
        }
        mark_speakers(&ctx, &mut names);
        let quotes = find_quotes(&ctx, &names, &roles);
        let negations = find_negations(&ctx);
        let cues = find_cues(&ctx);
        Facts {
            numbers,
            dates,
            names: names.into_iter().map(|n| n.name).collect(),
            roles: roles.into_iter().map(|r| r.role).collect(),
            quotes,
            negations,
            cues,
        }
    }

    /// True when the sentence has nothing to compare.
    pub fn is_empty(&self) -> bool {
        self.numbers.is_empty()
            && self.dates.is_empty()
            && self.names.is_empty()
            && self.roles.is_empty()
            && self.quotes.is_empty()
            && self.negations.is_empty()
            && self.cues.is_empty()
    }
}

/// True for a headline in Title Case: every content word capitalised.
fn is_headline(ctx: &Ctx) -> bool {
    let mut content = 0;
    for (i, t) in ctx.toks.iter().enumerate() {
        if t.norm.chars().count() >= 3
            && t.norm.chars().all(char::is_alphabetic)
            && !is_stopword(&t.norm)
        {
            if !ctx.cap(i) {
                return false;
            }
            content += 1;
        }
    }
    content >= 4
}

/// A word's stem with common irregular verbs folded to their base: "met" and "meeting" → "meet".
pub(crate) fn lemma(norm: &str) -> String {
    let base = match norm {
        "met" => "meet",
        "took" | "taken" => "take",
        "went" | "gone" => "go",
        "saw" | "seen" => "see",
        "made" => "make",
        "gave" | "given" => "give",
        "paid" => "pay",
        "told" => "tell",
        "held" => "hold",
        "left" => "leave",
        "sold" => "sell",
        "bought" => "buy",
        "brought" => "bring",
        "fought" => "fight",
        "found" => "find",
        "began" | "begun" => "begin",
        "came" => "come",
        "knew" | "known" => "know",
        "wrote" | "written" => "write",
        "spoke" | "spoken" => "speak",
        "sent" => "send",
        "built" => "build",
        "struck" => "strike",
        "kept" => "keep",
        "stood" => "stand",
        "fled" => "flee",
        "led" => "lead",
        "won" => "win",
        "lost" => "lose",
        "signed" => "sign",
        _ => {
            if let Some(b) = norm
                .strip_suffix("ing")
                .filter(|b| b.len() == 3 && b.is_ascii())
            {
                return stem(b);
            }
            norm
        }
    };
    stem(base)
}

fn rank_of(norm: &str) -> Option<Rank> {
    match norm {
        "deputy" | "assistant" | "under" => Some(Rank::Deputy),
        "former" | "ex" | "outgoing" | "late" => Some(Rank::Former),
        "acting" | "then" | "current" | "incoming" => Some(Rank::Full),
        _ => None,
    }
}

/// Role titles, longest pattern first; marks their tokens used.
fn find_roles(ctx: &mut Ctx) -> Vec<RoleTok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ctx.toks.len() {
        if ctx.used(i) {
            i += 1;
            continue;
        }
        let mut found = None;
        for def in roles_starting(ctx.norm(i)) {
            let n = def.words.len();
            let matches = (0..n).all(|k| {
                ctx.norm(i + k) == def.words[k]
                    && !ctx.used(i + k)
                    && (k == 0 || ctx.joined(i + k - 1))
            });
            if !matches {
                continue;
            }
            if def.needs_name
                && !(ctx.cap(i) && ctx.joined(i + n - 1) && ctx.cap(i + n) && !ctx.used(i + n))
            {
                continue;
            }
            // "head"/"chief" alone are roles only before a name.
            if n == 1
                && matches!(def.words[0], "head" | "chief")
                && !(ctx.joined(i) && ctx.cap(i + 1))
            {
                continue;
            }
            found = Some((def, n));
            break;
        }
        let Some((def, n)) = found else {
            i += 1;
            continue;
        };
        let mut first = i;
        let mut rank = Rank::Full;
        if i > 0 && ctx.joined(i - 1) && !ctx.used(i - 1) {
            if let Some(r) = rank_of(ctx.norm(i - 1)) {
                rank = r;
                first = i - 1;
            }
        }
        for k in first..i + n {
            ctx.mark(k);
        }
        out.push(RoleTok {
            first,
            end: i + n,
            role: Role {
                span: ctx.span(first, i + n),
                office: def.office,
                family: def.family,
                rank,
                person: None,
                person_norm: String::new(),
                qualifier: None,
            },
        });
        i += n;
    }
    out
}

/// Words that may join two capitalised words of one name: "Ministry of Defense".
fn is_name_connector(norm: &str) -> bool {
    words::contains(words::NAME_CONNECTORS, norm)
}

/// True when a capitalised word at the start of the sentence is probably an ordinary word.
fn ordinary_initial(norm: &str) -> bool {
    is_stopword(norm)
        || norm.ends_with("ing")
        || norm.ends_with("ly")
        || norm.ends_with("ed")
        || words::contains(words::ORDINARY_INITIALS, norm)
}

/// True when token `i` starts a sentence or a quotation.
fn initial(ctx: &Ctx, i: usize) -> bool {
    let Some(t) = ctx.toks.get(i) else {
        return false;
    };
    let before = if i == 0 {
        ctx.text.get(..t.start).unwrap_or("")
    } else {
        ctx.toks
            .get(i - 1)
            .and_then(|p| ctx.text.get(p.end..t.start))
            .unwrap_or("")
    };
    i == 0
        || before.contains([
            '"', '\u{201C}', '\u{2018}', ':', '\u{2014}', '\u{2013}', '(',
        ])
}

/// Capitalised spans that are not roles, numbers or dates.
fn find_names(ctx: &Ctx, roles: &[RoleTok]) -> Vec<NameTok> {
    let mut out = Vec::new();
    let n = ctx.toks.len();
    let mut i = 0;
    while i < n {
        let starts = !ctx.used(i)
            && ctx.cap(i)
            && ctx.raw(i).chars().next().is_some_and(char::is_alphabetic);
        if !starts {
            i += 1;
            continue;
        }
        let mut first = i;
        let mut end = i + 1;
        let possessive = |k: usize| {
            let r = ctx.raw(k);
            r.ends_with("'s")
                || r.ends_with("\u{2019}s")
                || r.ends_with('\'')
                || r.ends_with('\u{2019}')
        };
        let mut has_cue = is_org_cue(ctx.norm(i));
        while end < n && !possessive(end - 1) && ctx.joined(end - 1) {
            if !ctx.used(end) && ctx.cap(end) {
                has_cue |= is_org_cue(ctx.norm(end));
                end += 1;
                continue;
            }
            // "Ministry of Defense", "Bank of the West"
            let c = ctx.norm(end);
            if is_name_connector(c) && !ctx.cap(end) && has_cue_like(ctx, end - 1) {
                let mut k = end + 1;
                if ctx.norm(k) == "the" && ctx.joined(end) {
                    k += 1;
                }
                if k < n && ctx.joined(k - 1) && ctx.cap(k) && !ctx.used(k) {
                    end = k + 1;
                    has_cue |= is_org_cue(ctx.norm(k));
                    continue;
                }
            }
            break;
        }
        let _ = has_cue;
        // An ordinary word that starts the sentence: "Following", "The".
        while first < end && initial(ctx, first) && ordinary_initial(ctx.norm(first)) {
            first += 1;
        }
        // "Mr. Smith"
        let mut person = false;
        while first < end && is_honorific(ctx.norm(first)) && end - first > 1 {
            first += 1;
            person = true;
        }
        if first >= end {
            i = end;
            continue;
        }
        // "U.S. Soldiers", "Vietnam War": a leading place split from the rest unless the rest
        // names a thing or an organisation of that place.
        let all_norm = join_norm(ctx, first, end);
        let mut pieces: Vec<(usize, usize)> = vec![(first, end)];
        if place(&all_norm).is_none() && end - first > 1 {
            let rest_cue =
                (first + 1..end).any(|k| is_org_cue(ctx.norm(k)) || is_thing_cue(ctx.norm(k)));
            if !rest_cue {
                // longest leading place
                for cut in (first + 1..end).rev() {
                    if place(&join_norm(ctx, first, cut)).is_some() {
                        pieces = vec![(first, cut), (cut, end)];
                        break;
                    }
                }
            }
        }
        for (a, b) in pieces {
            out.push(NameTok {
                first: a,
                end: b,
                name: classify(ctx, a, b, person, roles),
            });
        }
        i = end;
    }
    out
}

fn has_cue_like(ctx: &Ctx, k: usize) -> bool {
    let w = ctx.norm(k);
    is_org_cue(w)
        || is_thing_cue(w)
        || matches!(
            w,
            "republic" | "kingdom" | "bank" | "university" | "people" | "association"
        )
}

fn join_norm(ctx: &Ctx, first: usize, end: usize) -> String {
    let mut s = String::new();
    for k in first..end {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(ctx.norm(k));
    }
    s
}

fn classify(ctx: &Ctx, first: usize, end: usize, person: bool, roles: &[RoleTok]) -> Name {
    let norm = join_norm(ctx, first, end);
    let context = if first > 0 && !ctx.cap(first - 1) && ctx.joined(first - 1) {
        stem(ctx.norm(first - 1))
    } else {
        String::new()
    };
    let mut name = Name {
        span: ctx.span(first, end),
        kind: NameKind::Other,
        norm,
        country: None,
        context,
    };
    if person {
        name.kind = NameKind::Person;
    } else if let Some((k, c)) = place(&name.norm) {
        name.country = Some(c);
        name.kind = if k == PlaceKind::Nationality {
            NameKind::Nationality
        } else {
            NameKind::Place
        };
    } else if (first..end).any(|k| is_org_cue(ctx.norm(k))) {
        name.kind = NameKind::Organisation;
    } else if (first..end).any(|k| is_thing_cue(ctx.norm(k))) {
        name.kind = NameKind::Other;
    } else if end - first > 1
        || roles
            .iter()
            .any(|r| r.end == first && first > 0 && ctx.joined(first - 1))
    {
        // Several capitalised words, or one right after a title: a person.
        name.kind = NameKind::Person;
    } else if matches!(
        name.context.as_str(),
        "in" | "at" | "to" | "from" | "near" | "visit" | "into" | "toward" | "towards"
    ) {
        name.kind = NameKind::Place;
    }
    name
}

/// Where the names and roles of a sentence start and end, by token, so that each look-up is
/// one hash probe rather than a scan (a long sentence has many names and quotes). Each map keeps
/// the first name or role in order, as a scan would find it.
struct Places {
    /// Name starting at a token.
    name_first: HashMap<usize, usize>,
    /// Name by its `end` (one past its last token).
    name_end: HashMap<usize, usize>,
    /// Name by its byte span.
    name_span: HashMap<(usize, usize), usize>,
    /// Role starting at a token.
    role_first: HashMap<usize, usize>,
    /// Role by its `end`.
    role_end: HashMap<usize, usize>,
}

impl Places {
    fn new(names: &[NameTok], roles: &[RoleTok]) -> Places {
        let mut p = Places {
            name_first: HashMap::with_capacity(names.len()),
            name_end: HashMap::with_capacity(names.len()),
            name_span: HashMap::with_capacity(names.len()),
            role_first: HashMap::with_capacity(roles.len()),
            role_end: HashMap::with_capacity(roles.len()),
        };
        for (i, n) in names.iter().enumerate() {
            p.name_first.entry(n.first).or_insert(i);
            p.name_end.entry(n.end).or_insert(i);
            p.name_span
                .entry((n.name.span.start, n.name.span.end))
                .or_insert(i);
        }
        for (i, r) in roles.iter().enumerate() {
            p.role_first.entry(r.first).or_insert(i);
            p.role_end.entry(r.end).or_insert(i);
        }
        p
    }

    /// The name that token `k` begins.
    fn name_starting(&self, k: usize) -> Option<usize> {
        self.name_first.get(&k).copied()
    }

    /// The name that token `k` ends (token `k` is its last).
    fn name_ending(&self, k: usize) -> Option<usize> {
        self.name_end.get(&(k + 1)).copied()
    }

    /// The name with this byte span.
    fn name_at(&self, span: &Range<usize>) -> Option<usize> {
        self.name_span.get(&(span.start, span.end)).copied()
    }

    /// The role that token `k` begins.
    fn role_starting(&self, k: usize) -> Option<usize> {
        self.role_first.get(&k).copied()
    }

    /// The role that token `k` ends.
    fn role_ending(&self, k: usize) -> Option<usize> {
        self.role_end.get(&(k + 1)).copied()
    }
}

/// Attach each role to its holder ("Defense Secretary Pete Hegseth", "Pete Hegseth, the defense
/// secretary") and to its country ("U.S. Defense Secretary", "Vietnam's Defense Minister").
fn attach_roles(ctx: &Ctx, roles: &mut [RoleTok], names: &mut [NameTok]) {
    let places = Places::new(names, roles);
    for r in roles.iter_mut() {
        // Holder right after the title.
        let mut holder = None;
        if r.end > 0 && ctx.joined(r.end - 1) {
            holder = places
                .name_starting(r.end)
                .filter(|&n| matches!(names[n].name.kind, NameKind::Person | NameKind::Other));
        }
        // "Communist Party leader, To Lam, traveled"
        if holder.is_none() && ctx.gap(r.end.saturating_sub(1)).trim() == "," {
            holder = places.name_starting(r.end).filter(|&n| {
                let after = ctx.gap(names[n].end - 1).trim();
                names[n].name.kind == NameKind::Person
                    && (after == "," || names[n].end == ctx.toks.len())
            });
        }
        // Country right before the title.
        if r.first > 0 && (ctx.joined(r.first - 1) || ctx.gap(r.first - 1).trim().is_empty()) {
            if let Some(q) = places.name_ending(r.first - 1) {
                if matches!(names[q].name.kind, NameKind::Place | NameKind::Nationality) {
                    r.role.qualifier = names[q].name.country;
                }
            }
        }
        // "Pete Hegseth, the (U.S.) defense secretary"
        if holder.is_none() {
            let mut k = r.first;
            while k > 0 {
                let w = ctx.norm(k - 1);
                if matches!(w, "the" | "a" | "an") && ctx.joined(k - 1) {
                    k -= 1;
                    continue;
                }
                if let Some(q) = places.name_ending(k - 1) {
                    if matches!(names[q].name.kind, NameKind::Place | NameKind::Nationality)
                        && ctx.joined(k - 1)
                    {
                        if r.role.qualifier.is_none() {
                            r.role.qualifier = names[q].name.country;
                        }
                        k = names[q].first;
                        continue;
                    }
                }
                break;
            }
            if k > 0 && k < r.first && ctx.gap(k - 1).trim() == "," {
                holder = places
                    .name_ending(k - 1)
                    .filter(|&n| matches!(names[n].name.kind, NameKind::Person | NameKind::Other));
            } else if k > 0 && k == r.first && ctx.gap(k - 1).trim() == "," {
                holder = places
                    .name_ending(k - 1)
                    .filter(|&n| names[n].name.kind == NameKind::Person);
            }
        }
        if let Some(h) = holder {
            names[h].name.kind = NameKind::Person;
            r.role.person = Some(names[h].name.span.clone());
            r.role.person_norm = names[h].name.norm.clone();
        }
    }
}

/// A one-word name before or after a verb of saying is a person ("Hegseth said", "said Giang").
fn mark_speakers(ctx: &Ctx, names: &mut [NameTok]) {
    for n in names.iter_mut() {
        if n.name.kind != NameKind::Other {
            continue;
        }
        let after = ctx.norm(n.end);
        let before = if n.first > 0 {
            ctx.norm(n.first - 1)
        } else {
            ""
        };
        if is_speech_verb(after) && !(n.first..n.end).any(|k| is_thing_cue(ctx.norm(k)))
            || is_speech_verb(before) && n.first > 0 && ctx.joined(n.first - 1)
        {
            n.name.kind = NameKind::Person;
        }
    }
}

/// A speaker at token `k`, skipping a title in front ("said Defense Secretary Pete Hegseth").
fn speaker_at(
    ctx: &Ctx,
    k: usize,
    names: &[NameTok],
    roles: &[RoleTok],
    places: &Places,
) -> Option<(usize, bool)> {
    let mut k = k;
    if matches!(ctx.norm(k), "the" | "a" | "an") {
        k += 1;
    }
    // A place before a title: "said Lyon mayor Anne Roche".
    if let Some(n) = places.name_starting(k) {
        if matches!(names[n].name.kind, NameKind::Place | NameKind::Nationality)
            && places.role_starting(names[n].end).is_some()
        {
            k = names[n].end;
        }
    }
    while let Some(r) = places.role_starting(k).and_then(|r| roles.get(r)) {
        if let Some(p) = &r.role.person {
            return places.name_at(p).map(|i| (i, false));
        }
        if r.end <= k {
            break;
        }
        k = r.end;
    }
    if is_pronoun(ctx.norm(k)) {
        return Some((usize::MAX, true));
    }
    places.name_starting(k).map(|i| (i, false))
}

fn find_quotes(ctx: &Ctx, names: &[NameTok], roles: &[RoleTok]) -> Vec<Quote> {
    let text = ctx.text;
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut open: Option<(usize, char)> = None;
    let mut prev: Option<char> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        let after = i + c.len_utf8();
        match (c, open) {
            ('"', None) | ('\u{201C}', None) | ('\u{00AB}', None) | ('\u{201E}', None) => {
                open = Some((after, c))
            }
            ('\u{2018}', None) if prev.is_none_or(|p| p.is_whitespace() || p == '(') => {
                open = Some((after, c))
            }
            ('"', Some((s, '"')))
            | ('\u{201D}', Some((s, _)))
            | ('\u{00BB}', Some((s, '\u{00AB}')))
            | ('"', Some((s, '\u{201C}'))) => {
                spans.push(s..i);
                open = None;
            }
            ('\u{2019}', Some((s, '\u{2018}'))) if next.is_none_or(|n| !n.is_alphanumeric()) => {
                spans.push(s..i);
                open = None;
            }
            ('\u{201D}', None) if spans.is_empty() => spans.push(0..i),
            _ => {}
        }
        prev = Some(c);
    }
    if let Some((s, _)) = open {
        let tail = text.get(s..).unwrap_or("");
        if tail.split_whitespace().count() >= 3 {
            spans.push(s..text.len());
        }
    }
    let places = Places::new(names, roles);
    let mut out = Vec::new();
    for span in spans {
        let inner = text.get(span.clone()).unwrap_or("");
        if !inner.chars().any(char::is_alphanumeric) {
            continue;
        }
        let trimmed_start = span.start + (inner.len() - inner.trim_start().len());
        let trimmed_end = span.end
            - (inner.len()
                - inner
                    .trim_end_matches(|c: char| c.is_whitespace() || c == ',')
                    .len());
        let mut q = Quote {
            span: trimmed_start..trimmed_end.max(trimmed_start),
            ..Quote::default()
        };
        // After the closing mark: `," Hegseth said` / `," said Hegseth` / `," he said`.
        // Tokens are in order and do not overlap: both searches are binary.
        let after = ctx.toks.partition_point(|t| t.start < span.end);
        let after_k = (after < ctx.toks.len()).then_some(after);
        let before_k = ctx
            .toks
            .partition_point(|t| t.end <= span.start)
            .checked_sub(1);
        let mut found = None;
        if let Some(k) = after_k {
            let close_gap = text.get(span.end..ctx.toks[k].start).unwrap_or("");
            if close_gap.chars().filter(|c| c.is_alphanumeric()).count() == 0
                && !close_gap.contains(['.', '?', '!'])
                || close_gap
                    .trim_start_matches(['"', '\u{201D}', '\u{2019}'])
                    .trim()
                    .starts_with(',')
            {
                if is_speech_verb(ctx.norm(k)) {
                    found = speaker_at(ctx, k + 1, names, roles, &places);
                } else if ctx.norm(k) == "according" && ctx.norm(k + 1) == "to" {
                    found = speaker_at(ctx, k + 2, names, roles, &places);
                } else if let Some((s, pron)) = speaker_at(ctx, k, names, roles, &places) {
                    let end = if pron {
                        k + 1
                    } else {
                        // the speaker may be preceded by a title
                        names.get(s).map_or(k + 1, |n| n.end)
                    };
                    if is_speech_verb(ctx.norm(end)) {
                        found = Some((s, pron));
                    }
                }
            }
        }
        // Before the opening mark: `Hegseth said: "…"`, `Hegseth said that "…"`.
        if found.is_none() {
            if let Some(mut m) = before_k {
                if ctx.norm(m) == "that" && m > 0 {
                    m -= 1;
                }
                if is_speech_verb(ctx.norm(m)) && m > 0 {
                    let s = m - 1;
                    if is_pronoun(ctx.norm(s)) {
                        found = Some((usize::MAX, true));
                    } else if let Some(n) = places.name_ending(s) {
                        found = Some((n, false));
                    } else if let Some(r) = places.role_ending(s).and_then(|r| roles.get(r)) {
                        found = r
                            .role
                            .person
                            .as_ref()
                            .and_then(|p| places.name_at(p))
                            .map(|n| (n, false));
                    }
                }
            }
        }
        match found {
            Some((_, true)) => q.pronoun = true,
            Some((n, false)) => {
                if let Some(nt) = names.get(n) {
                    q.speaker = Some(nt.name.span.clone());
                    q.speaker_norm = nt.name.norm.clone();
                }
            }
            None => {}
        }
        out.push(q);
    }
    out
}

/// Negation cues with the predicate they negate.
fn find_negations(ctx: &Ctx) -> Vec<Negation> {
    let mut out = Vec::new();
    for i in 0..ctx.toks.len() {
        let w = ctx.norm(i);
        if !is_negation(w) || w == "neither" || w == "nor" {
            continue;
        }
        let next = ctx.norm(i + 1);
        if (w == "not" && matches!(next, "only" | "just" | "least"))
            || (w == "no" && matches!(next, "one" | "doubt" | "matter"))
        {
            continue;
        }
        // The predicate: the next content word, skipping auxiliaries and fillers.
        let mut j = i + 1;
        let mut pred = None;
        while j < ctx.toks.len() && j <= i + 5 {
            if !ctx.joined(j - 1) {
                break;
            }
            let n = ctx.norm(j);
            if is_negation_filler(n) || (is_stopword(n) && n != "more") {
                j += 1;
                continue;
            }
            if n.chars().next().is_some_and(char::is_alphabetic) && !is_negation(n) {
                pred = Some(j);
            }
            break;
        }
        let Some(mut p) = pred else { continue };
        // "no major arms deal": the noun at the end of the phrase.
        if w == "no" {
            while p + 1 < ctx.toks.len()
                && p < i + 4
                && ctx.joined(p)
                && !ctx.cap(p + 1)
                && !is_stopword(ctx.norm(p + 1))
                && ctx.norm(p + 1).chars().all(char::is_alphabetic)
                && !is_aux(ctx.norm(p + 1))
            {
                p += 1;
            }
        }
        let mut first = i;
        if i > 0 && matches!(w, "not" | "never") && is_aux(ctx.norm(i - 1)) && ctx.joined(i - 1) {
            first = i - 1;
        }
        let cue = ctx.toks.get(i).map_or(0..0, |t| t.span());
        out.push(Negation {
            span: ctx.span(first, p + 1),
            cue,
            predicate: lemma(ctx.norm(p)),
        });
    }
    out
}

/// Words with opposites.
fn find_cues(ctx: &Ctx) -> Vec<Cue> {
    let mut out = Vec::new();
    for i in 0..ctx.toks.len() {
        if ctx.used(i) {
            continue;
        }
        let Some((pair, side, weak)) = antonym(ctx.norm(i)) else {
            continue;
        };
        let negated = (i.saturating_sub(3)..i).any(|k| {
            is_negation(ctx.norm(k))
                && !matches!(ctx.norm(k), "denied" | "denies" | "deny" | "without")
        });
        let prev = (i.saturating_sub(3)..i)
            .rev()
            .map(|k| ctx.norm(k))
            .find(|w| !is_stopword(w))
            .map(stem)
            .unwrap_or_default();
        let next = (i + 1..i + 4)
            .map(|k| ctx.norm(k))
            .find(|w| !w.is_empty() && !is_stopword(w))
            .map(stem)
            .unwrap_or_default();
        let span = ctx.toks.get(i).map_or(0..0, |t| t.span());
        out.push(Cue {
            span,
            pair,
            side,
            weak,
            negated,
            prev,
            next,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(text: &str, r: &Range<usize>) -> String {
        text.get(r.clone()).unwrap_or("?").to_string()
    }

    /// (value, kind, first unit word, span text) of each number.
    fn numbers(text: &str) -> Vec<(f64, NumberKind, String, String)> {
        Facts::extract(text)
            .numbers
            .iter()
            .map(|n| {
                (
                    n.value,
                    n.kind,
                    n.unit.last().cloned().unwrap_or_default(),
                    slice(text, &n.span),
                )
            })
            .collect()
    }

    #[test]
    fn number_forms() {
        use NumberKind::*;
        let cases: &[(&str, f64, NumberKind, &str, &str)] = &[
            (
                "Police said five soldiers were hurt.",
                5.0,
                Count,
                "troop",
                "five soldiers",
            ),
            (
                "They sent twenty-three boats.",
                23.0,
                Count,
                "ship",
                "twenty-three boats",
            ),
            (
                "They sent twenty three boats.",
                23.0,
                Count,
                "ship",
                "twenty three boats",
            ),
            (
                "They seized a dozen boats.",
                12.0,
                Count,
                "ship",
                "a dozen boats",
            ),
            (
                "They sold two dozen eggs.",
                24.0,
                Count,
                "egg",
                "two dozen eggs",
            ),
            (
                "The feud lasted two decades.",
                20.0,
                Duration,
                "year",
                "two decades",
            ),
            (
                "The feud lasted a decade.",
                10.0,
                Duration,
                "year",
                "a decade",
            ),
            (
                "The feud lasted a century.",
                100.0,
                Duration,
                "year",
                "a century",
            ),
            (
                "The feud lasted 10 years.",
                10.0,
                Duration,
                "year",
                "10 years",
            ),
            (
                "The war ended 50 years ago.",
                50.0,
                Duration,
                "year",
                "50 years ago",
            ),
            (
                "The talks took three weeks.",
                3.0,
                Duration,
                "week",
                "three weeks",
            ),
            (
                "The strike lasted two and a half years.",
                2.5,
                Duration,
                "year",
                "two and a half years",
            ),
            (
                "The city has 3.5 million people.",
                3_500_000.0,
                Count,
                "people",
                "3.5 million people",
            ),
            (
                "The city has half a million people.",
                500_000.0,
                Count,
                "people",
                "half a million people",
            ),
            (
                "They deployed 1,200 troops.",
                1200.0,
                Count,
                "troop",
                "1,200 troops",
            ),
            (
                "They deployed 1200 troops.",
                1200.0,
                Count,
                "troop",
                "1200 troops",
            ),
            (
                "They deployed three hundred and five troops.",
                305.0,
                Count,
                "troop",
                "three hundred and five troops",
            ),
            (
                "They deployed two thousand troops.",
                2000.0,
                Count,
                "troop",
                "two thousand troops",
            ),
            (
                "Half of the troops left.",
                0.5,
                Fraction,
                "troop",
                "Half of the troops",
            ),
            (
                "It marks the 30th anniversary of ties.",
                30.0,
                Ordinal,
                "year",
                "30th anniversary",
            ),
            (
                "It marks the second anniversary of ties.",
                2.0,
                Ordinal,
                "year",
                "second anniversary",
            ),
            (
                "It was the first visit in years.",
                1.0,
                Ordinal,
                "visit",
                "first visit",
            ),
            (
                "It was his third trip.",
                3.0,
                Ordinal,
                "visit",
                "third trip",
            ),
            ("It was the 21st trip.", 21.0, Ordinal, "visit", "21st trip"),
            (
                "It was the twenty-first trip.",
                21.0,
                Ordinal,
                "visit",
                "twenty-first trip",
            ),
            ("Prices rose 5% last year.", 5.0, Percent, "percent", "5%"),
            (
                "Prices rose 5 percent last year.",
                5.0,
                Percent,
                "percent",
                "5 percent",
            ),
            (
                "The deal is worth $5 million.",
                5_000_000.0,
                Money,
                "usd",
                "$5 million",
            ),
            (
                "A 40-year-old man was arrested.",
                40.0,
                Count,
                "age",
                "40-year-old",
            ),
            (
                "Hanoi may buy 40 Russian Su-35 fighter jets.",
                40.0,
                Count,
                "aircraft",
                "40 Russian Su-35 fighter jets",
            ),
            (
                "Five were injured in the blast.",
                5.0,
                Count,
                "injur",
                "Five were injured",
            ),
            (
                "Five people were injured in the blast.",
                5.0,
                Count,
                "injur",
                "Five people were injured",
            ),
        ];
        for &(text, value, kind, unit, span) in cases {
            let got = numbers(text);
            assert_eq!(got.len(), 1, "{text:?}: {got:?}");
            assert_eq!(
                got[0],
                (value, kind, unit.to_string(), span.to_string()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn words_that_are_not_numbers() {
        let cases = [
            "One of the aides left.",
            "No one was hurt.",
            "The Su-35 and the C-130 are aircraft.",
            "Wait a second, he said.",
            "Someone said so.",
        ];
        for text in cases {
            assert_eq!(numbers(text), vec![], "{text:?}");
        }
    }

    #[test]
    fn hedges() {
        use Hedge::*;
        let cases = [
            ("They may buy up to 40 jets.", UpTo, "up to 40 jets"),
            (
                "They may buy as many as 40 jets.",
                UpTo,
                "as many as 40 jets",
            ),
            ("They bought about 40 jets.", About, "about 40 jets"),
            ("They bought around 40 jets.", About, "around 40 jets"),
            ("They bought roughly 40 jets.", About, "roughly 40 jets"),
            (
                "They bought approximately 40 jets.",
                About,
                "approximately 40 jets",
            ),
            ("They bought some 40 jets.", About, "some 40 jets"),
            (
                "They bought an estimated 40 jets.",
                About,
                "an estimated 40 jets",
            ),
            ("They bought nearly 40 jets.", Nearly, "nearly 40 jets"),
            ("They bought almost 40 jets.", Nearly, "almost 40 jets"),
            ("They bought close to 40 jets.", Nearly, "close to 40 jets"),
            ("They bought at least 40 jets.", AtLeast, "at least 40 jets"),
            (
                "They bought no fewer than 40 jets.",
                AtLeast,
                "no fewer than 40 jets",
            ),
            (
                "They bought more than 40 jets.",
                MoreThan,
                "more than 40 jets",
            ),
            ("They bought over 40 jets.", MoreThan, "over 40 jets"),
            (
                "They bought fewer than 40 jets.",
                FewerThan,
                "fewer than 40 jets",
            ),
            (
                "They bought less than 40 jets.",
                FewerThan,
                "less than 40 jets",
            ),
            ("They bought under 40 jets.", FewerThan, "under 40 jets"),
            ("They bought at most 40 jets.", AtMost, "at most 40 jets"),
            (
                "They bought no more than 40 jets.",
                AtMost,
                "no more than 40 jets",
            ),
            ("They bought exactly 40 jets.", Exact, "exactly 40 jets"),
            ("They bought 40 jets.", None, "40 jets"),
            (
                "They bought between 30 and 40 jets.",
                Range,
                "between 30 and 40 jets",
            ),
            ("They bought 30 to 40 jets.", Range, "30 to 40 jets"),
            ("They bought 30-40 jets.", Range, "30-40 jets"),
        ];
        for (text, hedge, span) in cases {
            let f = Facts::extract(text);
            assert_eq!(f.numbers.len(), 1, "{text:?}");
            assert_eq!(f.numbers[0].hedge, hedge, "{text:?}");
            assert_eq!(slice(text, &f.numbers[0].span), span, "{text:?}");
        }
        let f = Facts::extract("They bought between 30 and 40 jets.");
        assert_eq!((f.numbers[0].value, f.numbers[0].upper), (30.0, 40.0));
    }

    #[test]
    fn dates() {
        type D = (
            Option<i32>,
            Option<u8>,
            Option<u8>,
            Option<u8>,
            Option<DatePart>,
            &'static str,
        );
        let cases: &[(&str, D)] = &[
            (
                "They met on Sunday.",
                (None, None, None, Some(7), None, "Sunday"),
            ),
            (
                "They met on Monday in Lyon.",
                (None, None, None, Some(1), None, "Monday"),
            ),
            (
                "They met on November 2, 2025.",
                (
                    Some(2025),
                    Some(11),
                    Some(2),
                    None,
                    None,
                    "November 2, 2025",
                ),
            ),
            (
                "They met on 2 November 2025.",
                (Some(2025), Some(11), Some(2), None, None, "2 November 2025"),
            ),
            (
                "They met on Nov. 2 in Lyon.",
                (None, Some(11), Some(2), None, None, "Nov. 2"),
            ),
            (
                "They met on November 2nd.",
                (None, Some(11), Some(2), None, None, "November 2nd"),
            ),
            (
                "They met in November 2025.",
                (Some(2025), Some(11), None, None, None, "November 2025"),
            ),
            (
                "They met in early October.",
                (
                    None,
                    Some(10),
                    None,
                    None,
                    Some(DatePart::Early),
                    "early October",
                ),
            ),
            (
                "They met in late October.",
                (
                    None,
                    Some(10),
                    None,
                    None,
                    Some(DatePart::Late),
                    "late October",
                ),
            ),
            (
                "They met in mid-2024.",
                (
                    Some(2024),
                    None,
                    None,
                    None,
                    Some(DatePart::Mid),
                    "mid-2024",
                ),
            ),
            (
                "They met at the end of May.",
                (
                    None,
                    Some(5),
                    None,
                    None,
                    Some(DatePart::Late),
                    "end of May",
                ),
            ),
            (
                "They met in 2016.",
                (Some(2016), None, None, None, None, "2016"),
            ),
            (
                "They met on Sunday, November 2.",
                (None, Some(11), Some(2), Some(7), None, "Sunday, November 2"),
            ),
            (
                "Ties were normalised in 1995 after years of talks.",
                (Some(1995), None, None, None, None, "1995"),
            ),
        ];
        for (text, want) in cases {
            let f = Facts::extract(text);
            assert_eq!(f.dates.len(), 1, "{text:?}: {:?}", f.dates);
            let d = &f.dates[0];
            let got = (
                d.year,
                d.month,
                d.day,
                d.weekday,
                d.part,
                slice(text, &d.span),
            );
            assert_eq!(
                got,
                (want.0, want.1, want.2, want.3, want.4, want.5.to_string()),
                "{text:?}"
            );
            assert!(
                f.numbers.is_empty(),
                "a date is not also a number: {text:?}"
            );
        }
        for text in [
            "He may visit Lyon.",
            "They sent 2000 troops.",
            "Jan Novak spoke.",
        ] {
            assert_eq!(Facts::extract(text).dates, vec![], "{text:?}");
        }
    }

    #[test]
    fn every_date_form() {
        // (text, the date's words, year, month, day, weekday)
        type Want = (
            &'static str,
            Option<i32>,
            Option<u8>,
            Option<u8>,
            Option<u8>,
        );
        let cases: &[(&str, Want)] = &[
            (
                "The vote took place on March 10, 2025 in Lyon.",
                ("March 10, 2025", Some(2025), Some(3), Some(10), None),
            ),
            (
                "The vote took place on 10 March 2025 in Lyon.",
                ("10 March 2025", Some(2025), Some(3), Some(10), None),
            ),
            (
                "The vote took place on Monday in Lyon.",
                ("Monday", None, None, None, Some(1)),
            ),
            (
                "The vote took place in March 2025 in Lyon.",
                ("March 2025", Some(2025), Some(3), None, None),
            ),
            (
                "The vote took place in 2025 in Lyon.",
                ("2025", Some(2025), None, None, None),
            ),
            (
                "The vote took place in mid-March in Lyon.",
                ("mid-March", None, Some(3), None, None),
            ),
            (
                "The vote took place on Mar. 10 in Lyon.",
                ("Mar. 10", None, Some(3), Some(10), None),
            ),
            (
                "The vote took place on March 10th in Lyon.",
                ("March 10th", None, Some(3), Some(10), None),
            ),
            (
                "The vote took place on Monday, March 10, 2025 in Lyon.",
                (
                    "Monday, March 10, 2025",
                    Some(2025),
                    Some(3),
                    Some(10),
                    Some(1),
                ),
            ),
            (
                "The vote took place on 2025-03-10 in Lyon.",
                ("2025-03-10", Some(2025), Some(3), Some(10), None),
            ),
            (
                "The vote took place on 2025-12-31.",
                ("2025-12-31", Some(2025), Some(12), Some(31), None),
            ),
        ];
        for (text, (words, year, month, day, weekday)) in cases {
            let f = Facts::extract(text);
            assert_eq!(f.dates.len(), 1, "{text:?}: {:?}", f.dates);
            let d = &f.dates[0];
            assert_eq!(
                (slice(text, &d.span), d.year, d.month, d.day, d.weekday),
                (words.to_string(), *year, *month, *day, *weekday),
                "{text:?}"
            );
            assert!(f.numbers.is_empty(), "{text:?}: {:?}", f.numbers);
        }
        // Not ISO dates: a month 13, a one-digit month, a longer hyphenated code. "3/10" is not a
        // date form the facts know (it is read as numbers, if at all).
        for text in [
            "The code was 2025-13-10 in Lyon.",
            "The code was 2025-3-10 in Lyon.",
            "The code was 2025-03-10-77 in Lyon.",
        ] {
            let f = Facts::extract(text);
            assert!(
                f.dates.iter().all(|d| d.day.is_none()),
                "{text:?}: {:?}",
                f.dates
            );
        }
    }

    #[test]
    fn role_synonyms_share_an_office() {
        let cases = [
            ("Defense Secretary Pete Hegseth spoke.", "defense"),
            ("Secretary of Defense Pete Hegseth spoke.", "defense"),
            ("Secretary of War Pete Hegseth spoke.", "defense"),
            ("Pentagon chief Pete Hegseth spoke.", "defense"),
            ("Defense chief Pete Hegseth spoke.", "defense"),
            ("Defence Minister Pete Hegseth spoke.", "defense"),
            ("Congressman Pete Hegseth spoke.", "representative"),
            ("Representative Pete Hegseth spoke.", "representative"),
            ("Rep. Pete Hegseth spoke.", "representative"),
            ("Senator Pete Hegseth spoke.", "senator"),
            ("Sen. Pete Hegseth spoke.", "senator"),
            ("President Pete Hegseth spoke.", "president"),
            ("Prime Minister Pete Hegseth spoke.", "prime_minister"),
            ("Secretary of State Pete Hegseth spoke.", "foreign"),
            ("Foreign Minister Pete Hegseth spoke.", "foreign"),
            ("Party chief Pete Hegseth spoke.", "party_chief"),
            ("General Pete Hegseth spoke.", "general"),
            ("CEO Pete Hegseth spoke.", "ceo"),
            ("Spokesman Pete Hegseth spoke.", "spokesperson"),
            ("Mayor Pete Hegseth spoke.", "mayor"),
        ];
        for (text, office) in cases {
            let f = Facts::extract(text);
            assert_eq!(f.roles.len(), 1, "{text:?}");
            assert_eq!(f.roles[0].office, office, "{text:?}");
            assert_eq!(f.roles[0].person_norm, "pete hegseth", "{text:?}");
        }
    }

    #[test]
    fn role_holders_and_countries() {
        // (text, role words, holder, country, rank)
        let cases = [
            (
                "Pete Hegseth, the defense secretary, spoke.",
                "defense secretary",
                "pete hegseth",
                None,
                Rank::Full,
            ),
            (
                "Pete Hegseth, the U.S. defense secretary, spoke.",
                "defense secretary",
                "pete hegseth",
                Some("us"),
                Rank::Full,
            ),
            (
                "U.S. Defense Secretary Pete Hegseth spoke.",
                "Defense Secretary",
                "pete hegseth",
                Some("us"),
                Rank::Full,
            ),
            (
                "He met Vietnam's Defense Minister Phan Van Giang.",
                "Defense Minister",
                "phan van giang",
                Some("vn"),
                Rank::Full,
            ),
            (
                "He met the Vietnamese defense minister, Phan Van Giang, today.",
                "defense minister",
                "phan van giang",
                Some("vn"),
                Rank::Full,
            ),
            (
                "Former Congressman Jane Doe spoke.",
                "Former Congressman",
                "jane doe",
                None,
                Rank::Former,
            ),
            (
                "Deputy Defense Secretary Jane Doe spoke.",
                "Deputy Defense Secretary",
                "jane doe",
                None,
                Rank::Deputy,
            ),
            (
                "The defense secretary spoke.",
                "defense secretary",
                "",
                None,
                Rank::Full,
            ),
        ];
        for (text, words, holder, country, rank) in cases {
            let f = Facts::extract(text);
            assert_eq!(f.roles.len(), 1, "{text:?}: {:?}", f.roles);
            let r = &f.roles[0];
            assert_eq!(
                (
                    slice(text, &r.span).as_str(),
                    r.person_norm.as_str(),
                    r.qualifier,
                    r.rank
                ),
                (words, holder, country, rank),
                "{text:?}"
            );
        }
        // Ambiguous words are roles only before a name.
        for text in [
            "The general public was told.",
            "He will head to Lyon.",
            "A major storm hit.",
        ] {
            assert_eq!(Facts::extract(text).roles, vec![], "{text:?}");
        }
    }

    #[test]
    fn names() {
        use NameKind::*;
        let cases: &[(&str, &[(&str, NameKind)])] = &[
            (
                "Pete Hegseth visited Hanoi.",
                &[("Pete Hegseth", Person), ("Hanoi", Place)],
            ),
            (
                "He flew to Kuala Lumpur, Malaysia.",
                &[("Kuala Lumpur", Place), ("Malaysia", Place)],
            ),
            (
                "The Ministry of Defense said so.",
                &[("Ministry of Defense", Organisation)],
            ),
            (
                "The Association of Southeast Asian Nations met.",
                &[("Association of Southeast Asian Nations", Organisation)],
            ),
            (
                "Following the talks, Hegseth said more.",
                &[("Hegseth", Person)],
            ),
            (
                "On Sunday the Vietnam War was recalled.",
                &[("Vietnam War", Other)],
            ),
            (
                "Russian jets flew over Lyon.",
                &[("Russian", Nationality), ("Lyon", Place)],
            ),
            ("Mr. Smith left.", &[("Smith", Person)]),
            ("They met in Lyon.", &[("Lyon", Place)]),
            ("They met in Springfield.", &[("Springfield", Place)]),
        ];
        for (text, want) in cases {
            let f = Facts::extract(text);
            let got: Vec<(String, NameKind)> = f
                .names
                .iter()
                .map(|n| (slice(text, &n.span), n.kind))
                .collect();
            let want: Vec<(String, NameKind)> =
                want.iter().map(|(s, k)| (s.to_string(), *k)).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn quotes_and_speakers() {
        // (text, quoted words, speaker, pronoun)
        let cases = [
            (
                "\"We will stay,\" Hegseth said.",
                "We will stay",
                "hegseth",
                false,
            ),
            (
                "“We will stay,” Hegseth said.",
                "We will stay",
                "hegseth",
                false,
            ),
            (
                "“We will stay,” said Hegseth.",
                "We will stay",
                "hegseth",
                false,
            ),
            (
                "“We will stay,” said Defense Secretary Pete Hegseth.",
                "We will stay",
                "pete hegseth",
                false,
            ),
            ("“We will stay,” he said.", "We will stay", "", true),
            (
                "Hegseth said: “We will stay.”",
                "We will stay.",
                "hegseth",
                false,
            ),
            (
                "Hegseth said that “we will stay.”",
                "we will stay.",
                "hegseth",
                false,
            ),
            (
                "“We will stay,” according to Hegseth.",
                "We will stay",
                "hegseth",
                false,
            ),
            (
                "Officials called it ‘productive’ and moved on.",
                "productive",
                "",
                false,
            ),
            (
                "It will “create space” for talks.",
                "create space",
                "",
                false,
            ),
        ];
        for (text, words, speaker, pronoun) in cases {
            let f = Facts::extract(text);
            assert_eq!(f.quotes.len(), 1, "{text:?}");
            let q = &f.quotes[0];
            assert_eq!(
                (
                    slice(text, &q.span).as_str(),
                    q.speaker_norm.as_str(),
                    q.pronoun
                ),
                (words, speaker, pronoun),
                "{text:?}"
            );
        }
    }

    #[test]
    fn negations() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "The driver was not charged.",
                &[("was not charged", "charg")],
            ),
            ("He didn't visit Lyon.", &[("didn't visit", "visit")]),
            ("He never visited Lyon.", &[("never visited", "visit")]),
            ("He denied visiting Lyon.", &[("denied visiting", "visit")]),
            (
                "She refused to sign the deal.",
                &[("refused to sign", "sign")],
            ),
            (
                "They failed to reach a deal.",
                &[("failed to reach", "reach")],
            ),
            ("They left without paying.", &[("without paying", "pay")]),
            (
                "No major arms deal was announced.",
                &[("No major arms deal", "deal")],
            ),
            ("Not only troops but ships came.", &[]),
            ("No one was hurt.", &[]),
            ("The deal was signed.", &[]),
        ];
        for (text, want) in cases {
            let f = Facts::extract(text);
            let got: Vec<(String, String)> = f
                .negations
                .iter()
                .map(|n| (slice(text, &n.span), n.predicate.clone()))
                .collect();
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn antonym_cues() {
        let cases = [
            ("Prices rose again.", "rose", false),
            ("Prices did not rise.", "rise", true),
            ("The council rejected the plan.", "rejected", false),
            ("He arrived before the vote.", "before", false),
        ];
        for (text, word, negated) in cases {
            let f = Facts::extract(text);
            assert_eq!(f.cues.len(), 1, "{text:?}");
            assert_eq!(
                (slice(text, &f.cues[0].span).as_str(), f.cues[0].negated),
                (word, negated),
                "{text:?}"
            );
        }
        // A hedge is not an antonym cue.
        assert_eq!(Facts::extract("More than 40 jets came.").cues, vec![]);
    }

    #[test]
    fn headlines_do_not_make_people() {
        let f = Facts::extract(
            "Defense Chief Returns Wartime Artifacts and Seeks Stronger Vietnam Ties",
        );
        assert_eq!(f.roles[0].person, None);
        assert!(f.names.iter().all(|n| n.kind != NameKind::Person));
    }

    #[test]
    fn spans_are_on_char_boundaries_for_any_input() {
        let cases = [
            "",
            "“",
            "\"",
            "‘’",
            "Hà Nội’s 5 “phở” shops—twenty-one—opened on 2 Tháng Mười 2025.",
            "😀 40 😀 jets, up to 😀",
            "Rep.",
            "Secretary of",
            "a dozen",
            "between 5 and",
            "no",
            "May",
            "1,000,000,000,000,000,000,000,000 people",
            "0.000001 percent",
            "“unclosed quote with several words here",
            "words then a close quote” said Lam",
        ];
        for text in cases {
            let f = Facts::extract(text);
            let mut spans: Vec<Range<usize>> = Vec::new();
            spans.extend(f.numbers.iter().map(|n| n.span.clone()));
            spans.extend(f.dates.iter().map(|n| n.span.clone()));
            spans.extend(f.names.iter().map(|n| n.span.clone()));
            spans.extend(f.roles.iter().map(|n| n.span.clone()));
            spans.extend(f.quotes.iter().map(|n| n.span.clone()));
            spans.extend(f.negations.iter().map(|n| n.span.clone()));
            spans.extend(f.cues.iter().map(|n| n.span.clone()));
            for s in spans {
                assert!(text.get(s.clone()).is_some(), "{text:?}: {s:?}");
            }
        }
    }
}
