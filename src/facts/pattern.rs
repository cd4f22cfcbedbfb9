//! The regular expressions of fact extraction, each compiled once on first use.
//!
//! Natively the `regex` crate runs them; in the WebAssembly module `regex-lite`, from the same
//! project, which leaves out Unicode tables and the faster engines and so costs far fewer bytes
//! of the module (see docs/quality.md). The two must give the same answers, so every pattern
//! here keeps to the syntax on which they agree: explicit ASCII classes (`[0-9]`, never `\d`,
//! `\w` or `\b`, which the full crate reads as Unicode), no case-insensitive flag (patterns
//! run on tokens that are already lower case), anchors at both ends.
//!
//! The patterns are constants, but a pattern that fails to compile is not a panic: it matches
//! nothing, and the test below compiles every one of them.

#[cfg(not(target_arch = "wasm32"))]
use regex::{Captures, Regex};
#[cfg(target_arch = "wasm32")]
use regex_lite::{Captures, Regex};

use std::sync::OnceLock;

/// A pattern and its compiled form, made on first use and shared after.
///
/// Every pattern here matches only text that starts with an ASCII digit (the tests check that
/// each begins with `^[0-9]` or `^([0-9]`), and the facts try them on nearly every token: a look
/// at the first byte answers for words without starting the engine, which keeps the extraction
/// as fast as the hand-written scanners were.
pub(super) struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<Regex>>,
}

impl Pattern {
    const fn new(source: &'static str) -> Pattern {
        Pattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// The compiled pattern, when `s` can match at all (it starts with a digit).
    fn for_text(&self, s: &str) -> Option<&Regex> {
        if s.as_bytes().first().is_some_and(u8::is_ascii_digit) {
            self.regex()
        } else {
            None
        }
    }

    fn regex(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| Regex::new(self.source).ok())
            .as_ref()
    }

    /// True when the pattern matches `s`.
    pub(super) fn is_match(&self, s: &str) -> bool {
        self.for_text(s).is_some_and(|r| r.is_match(s))
    }

    /// The capture groups of the first match in `s`.
    pub(super) fn captures<'s>(&self, s: &'s str) -> Option<Captures<'s>> {
        self.for_text(s)?.captures(s)
    }
}

/// Group `i` of a match as a number that fits `T` (digits only, as the patterns capture them).
pub(super) fn group<T: std::str::FromStr>(c: &Captures, i: usize) -> Option<T> {
    c.get(i)?.as_str().parse().ok()
}

/// A plain decimal as a token's normal form spells it: "40", "3.5", "1." (the tokenizer has
/// dropped thousands separators), not "1.2.3", ".5", "1e5" or "-3", which the standard float
/// parser would read or reject differently.
pub(super) static DECIMAL: Pattern = Pattern::new(r"^[0-9]+(?:\.[0-9]*)?$");

/// A rank in digits: "1st", "22nd", "3rd", "30th" (group 1: the digits).
pub(super) static DIGIT_ORDINAL: Pattern = Pattern::new(r"^([0-9]+)(?:st|nd|rd|th)$");

/// Four digits, the shape of a year: "2025".
pub(super) static FOUR_DIGITS: Pattern = Pattern::new(r"^[0-9]{4}$");

/// An ISO 8601 calendar date over three tokens' text, hyphens and nothing else between them:
/// "2025-03-10" (groups: year, month, day).
pub(super) static ISO_DATE: Pattern = Pattern::new(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$");

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [&Pattern; 4] = [&DECIMAL, &DIGIT_ORDINAL, &FOUR_DIGITS, &ISO_DATE];

    #[test]
    fn every_pattern_compiles() {
        for p in ALL {
            assert!(p.regex().is_some(), "{}", p.source);
            let digit_first = ["^[0-9]", "^([0-9]"]
                .iter()
                .any(|a| p.source.starts_with(a));
            assert!(digit_first, "{} must start with a digit", p.source);
        }
    }

    /// Natively the module's engine, regex-lite, is a dev-dependency: each pattern must match
    /// and capture the same in it as in the full engine (scripts/web-test checks the module).
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn regex_lite_agrees() {
        let inputs = [
            "",
            "0",
            "40",
            "3.5",
            "1.",
            ".5",
            "1.2.3",
            "1e5",
            "2025",
            "30th",
            "1st",
            "22nd",
            "2025-03-10",
            "2025-13-40",
            "1999-1-1",
            "٣٠th",
            "２０２５",
            "2025\n",
            "10th\n",
            "3.5\n",
            "40 ",
            "ǅ1st",
            "1ST",
            "2025-03-10\n",
            "0000-00-00",
        ];
        for p in ALL {
            let lite = regex_lite::Regex::new(p.source).expect("compiles in regex-lite");
            let full_engine = p.regex().expect("compiles");
            for s in inputs {
                let full: Option<Vec<Option<&str>>> = full_engine
                    .captures(s)
                    .map(|c| c.iter().map(|m| m.map(|m| m.as_str())).collect());
                let other: Option<Vec<Option<&str>>> = lite
                    .captures(s)
                    .map(|c| c.iter().map(|m| m.map(|m| m.as_str())).collect());
                assert_eq!(full, other, "{} on {s:?}", p.source);
                // The first-byte look never hides a match.
                assert_eq!(p.is_match(s), full.is_some(), "{} on {s:?}", p.source);
            }
        }
    }

    #[test]
    fn patterns_match_what_they_say() {
        for (p, yes, no) in [
            (
                &DECIMAL,
                &["40", "3.5", "1.", "007"][..],
                &["", ".5", "1.2.3", "1e5", "-3", "1,000", "٣"][..],
            ),
            (
                &DIGIT_ORDINAL,
                &["1st", "22nd", "3rd", "30th"],
                &["th", "1 st", "1sts", "first", "1th1"],
            ),
            (
                &FOUR_DIGITS,
                &["2025", "0000"],
                &["202", "20255", "2o25", "٢٠٢٥"],
            ),
            (
                &ISO_DATE,
                &["2025-03-10"],
                &["2025-3-10", "2025 - 03-10", "2025-03-10-1", "2025-03-1x"],
            ),
        ] {
            for s in yes {
                assert!(p.is_match(s), "{} should match {s:?}", p.source);
            }
            for s in no {
                assert!(!p.is_match(s), "{} should not match {s:?}", p.source);
            }
        }
    }
}
