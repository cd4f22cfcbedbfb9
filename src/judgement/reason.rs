//! Typed reasons: why a source's sentence differs from the page's claim, with the words on
//! each side.

use serde::Serialize;
use std::fmt;

/// Which slot of the claim differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ReasonKind {
    /// A number with its unit: "5 injured" vs "3 injured".
    Number,
    /// The same number with a different hedge: "40 jets" vs "up to 40 jets".
    Hedge,
    /// A date, weekday, month or year.
    Date,
    /// A span of time: "a decade" vs "5 years".
    Duration,
    /// A person named in one place and another person in the same place.
    Person,
    /// A place: "Lyon" vs "Marseille".
    Place,
    /// An organisation.
    Organisation,
    /// A role or title: "Congressman" vs "Defense Secretary".
    Role,
    /// Quoted words or their speaker.
    Quote,
    /// One side negates what the other asserts: "was not charged" vs "was charged".
    Negation,
    /// Opposite words: "rose" vs "fell", "confirmed" vs "denied".
    Antonym,
    /// A word of the claim that the source replaces or lacks, with its class: "induce" vs
    /// "inhibit" (a reversal), "Airbus" vs "Boeing" (incompatible), "on Monday" vs nothing
    /// (unverifiable).
    Substitution,
}

/// How a word of the claim that the source replaces or lacks stands: the class of a
/// [`ReasonKind::Substitution`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// The same meaning: an inflection, a synonym, a derived form, a more specific word.
    Equivalent,
    /// The opposite meaning: "increase" vs "decrease", "allow" vs "ban".
    Reversal,
    /// Another value of the same type: another name, weekday, animal, maker.
    Incompatible,
    /// The source says less, or something else: nothing there backs the claim's word.
    Unverifiable,
}

impl Class {
    /// The class as a lower-case word, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Equivalent => "equivalent",
            Class::Reversal => "reversal",
            Class::Incompatible => "incompatible",
            Class::Unverifiable => "unverifiable",
        }
    }
}

impl ReasonKind {
    /// The kind as a lower-case word, as it appears in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonKind::Number => "number",
            ReasonKind::Hedge => "hedge",
            ReasonKind::Date => "date",
            ReasonKind::Duration => "duration",
            ReasonKind::Person => "person",
            ReasonKind::Place => "place",
            ReasonKind::Organisation => "organisation",
            ReasonKind::Role => "role",
            ReasonKind::Quote => "quote",
            ReasonKind::Negation => "negation",
            ReasonKind::Antonym => "antonym",
            ReasonKind::Substitution => "substitution",
        }
    }
}

/// One difference between a claim and a source's sentence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reason {
    /// Which slot differs.
    pub kind: ReasonKind,
    /// True when the difference makes the two statements incompatible; false for a difference
    /// worth noting that does not contradict ("40" vs "up to 40").
    pub contradicts: bool,
    /// The words on the page's side ("" when the page has nothing there).
    pub page: String,
    /// The words on the source's side ("" when the source has nothing there).
    pub source: String,
    /// For a substitution, its class; for a hedge, whether the source's figure backs the
    /// page's (`equivalent`: "40" backs "up to 40") or not (`unverifiable`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<Class>,
}

impl fmt::Display for Reason {
    /// Plain words for a reader: `role: this page says "Congressman"; the source says "Defense Secretary"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(class) = self.class.filter(|_| self.kind == ReasonKind::Substitution) {
            let what = match class {
                Class::Equivalent => "the same meaning",
                Class::Reversal => "opposite meaning",
                Class::Incompatible => "not the same one",
                Class::Unverifiable => "the source does not back it",
            };
            return match (self.page.is_empty(), self.source.is_empty()) {
                (_, false) => write!(
                    f,
                    "this page says \u{201c}{}\u{201d}; the source says \u{201c}{}\u{201d}: {what}",
                    self.page, self.source
                ),
                (false, true) => write!(
                    f,
                    "only this page says \u{201c}{}\u{201d}: {what}",
                    self.page
                ),
                (true, true) => f.write_str(what),
            };
        }
        let how = if self.contradicts {
            ""
        } else {
            " (differs, not contradictory)"
        };
        match (self.page.is_empty(), self.source.is_empty()) {
            (false, false) => write!(
                f,
                "{}{how}: this page says \"{}\"; the source says \"{}\"",
                self.kind.as_str(),
                self.page,
                self.source
            ),
            (false, true) => write!(
                f,
                "{}{how}: only this page says \"{}\"",
                self.kind.as_str(),
                self.page
            ),
            (true, false) => write!(
                f,
                "{}{how}: only the source says \"{}\"",
                self.kind.as_str(),
                self.source
            ),
            (true, true) => write!(f, "{}{how}", self.kind.as_str()),
        }
    }
}
