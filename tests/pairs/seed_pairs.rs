//! Pairs made at test time from the seed articles (`../shared/seeds`): claim sentences are
//! picked with `corroborate::sentences` and `corroborate::is_claim`, then changed by small,
//! mechanical edits whose expected relation follows from the edit. No seed text is stored here.

use super::case::{both, one, Case};
use corroborate::Relation::{Confirms, Contradicts, Related};
use corroborate::{is_claim, sentences};

/// A sentence on nothing the seeds speak of.
const UNRELATED: &str = "The recipe calls for two cups of flour and a pinch of salt.";

/// How many sentences each edit is applied to, at most.
const PER_EDIT: usize = 8;

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Months that cannot be read as another word ("May" can).
const MONTHS: [&str; 11] = [
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const NUMBER_WORDS: [&str; 12] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
];

/// Words and a word that reverses them; used in both directions.
const ANTONYMS: &[(&str, &str)] = &[
    ("increase", "decrease"),
    ("increased", "decreased"),
    ("increases", "decreases"),
    ("rise", "fall"),
    ("rising", "falling"),
    ("strengthen", "weaken"),
    ("strengthening", "weakening"),
    ("deepen", "weaken"),
    ("deepening", "weakening"),
    ("expanded", "reduced"),
    ("expand", "reduce"),
    ("support", "oppose"),
    ("supports", "opposes"),
    ("supported", "opposed"),
    ("before", "after"),
    ("first", "last"),
    ("former", "current"),
    ("major", "minor"),
    ("small", "large"),
    ("more", "less"),
    ("growing", "shrinking"),
    ("ended", "began"),
    ("early", "late"),
    ("high", "low"),
    ("long", "short"),
    ("closer", "weaker"),
    ("cautious", "reckless"),
    ("crucial", "trivial"),
    ("allow", "forbid"),
    ("accepted", "rejected"),
    ("agreed", "refused"),
    ("won", "lost"),
];

/// Places and another place of the same kind.
const PLACES: &[(&str, &str)] = &[
    ("Vietnam", "Cambodia"),
    ("Hanoi", "Bangkok"),
    ("China", "Japan"),
    ("Cambodia", "Laos"),
    ("Laos", "Thailand"),
    ("Philippines", "Indonesia"),
    ("Malaysia", "Singapore"),
    ("Beijing", "Seoul"),
    ("Washington", "Ottawa"),
];

/// Auxiliaries after which "not" reverses the sentence.
const AUXILIARIES: [&str; 9] = [
    "was", "were", "is", "are", "will", "has", "have", "had", "can",
];

/// Prepositions that start a droppable final phrase.
const PREPOSITIONS: [&str; 10] = [
    "in", "on", "at", "during", "from", "with", "after", "before", "near", "since",
];

/// The claim sentences of the seeds, each one sentence long on its own, without quotes or list
/// markers, 8 to 40 words, deduplicated; with a short label (seed number, sentence number).
fn claim_sentences(seeds: &[(String, String)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (n, (_, text)) in seeds.iter().enumerate() {
        for (i, r) in sentences(text).into_iter().enumerate() {
            let s = text[r].trim();
            let words = s.split_whitespace().count();
            let plain = !s.contains(['"', '“', '”', '|', '#', '\n', '*'])
                && !s.starts_with(['-', '•'])
                && s.ends_with('.');
            if plain
                && (8..=40).contains(&words)
                && is_claim(s)
                && sentences(s).len() == 1
                && !out.iter().any(|(_, t)| t == s)
            {
                out.push((format!("s{n}.{i}"), s.to_string()));
            }
        }
    }
    out
}

/// Byte ranges of the whole words of `s` (letters, digits, and inner `,` `.` `-` `'`).
fn words(s: &str) -> Vec<(usize, usize)> {
    let b: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].1.is_alphanumeric() {
            let start = b[i].0;
            let mut j = i + 1;
            while j < b.len()
                && (b[j].1.is_alphanumeric()
                    || (matches!(b[j].1, ',' | '.' | '-' | '\'' | '’')
                        && b.get(j + 1).is_some_and(|c| c.1.is_alphanumeric())
                        && (b[j - 1].1.is_ascii_digit() == b[j + 1].1.is_ascii_digit())))
            {
                j += 1;
            }
            let end = b.get(j).map_or(s.len(), |c| c.0);
            out.push((start, end));
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// `s` with the first whole word for which `f` gives a replacement replaced.
fn replace_first(s: &str, f: impl Fn(&str, usize) -> Option<String>) -> Option<String> {
    for (k, (a, b)) in words(s).into_iter().enumerate() {
        if let Some(r) = f(&s[a..b], k) {
            return Some(format!("{}{}{}", &s[..a], r, &s[b..]));
        }
    }
    None
}

fn next_weekday(w: &str, _: usize) -> Option<String> {
    let i = WEEKDAYS.iter().position(|d| *d == w)?;
    Some(WEEKDAYS[(i + 2) % 7].to_string())
}

fn other_month(w: &str) -> Option<String> {
    let i = MONTHS.iter().position(|m| *m == w)?;
    Some(MONTHS[(i + 3) % MONTHS.len()].to_string())
}

/// Another value for a number written in digits; years become another year.
fn other_number(w: &str) -> Option<(String, bool)> {
    if !w.chars().all(|c| c.is_ascii_digit() || c == ',')
        || !w.starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let n: u64 = w.replace(',', "").parse().ok()?;
    let year = (1900..=2100).contains(&n) && !w.contains(',');
    let m = if year {
        n - 4
    } else if n <= 31 {
        n + 5
    } else {
        n * 2 + 3
    };
    Some((m.to_string(), year))
}

fn other_number_word(w: &str, k: usize) -> Option<String> {
    let lower = w.to_lowercase();
    let i = NUMBER_WORDS.iter().position(|x| *x == lower)?;
    let other = NUMBER_WORDS[(i + 3) % NUMBER_WORDS.len()];
    Some(if k == 0 || w.starts_with(char::is_uppercase) {
        let mut c = other.chars();
        c.next()
            .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
    } else {
        other.to_string()
    })
}

fn antonym(w: &str) -> Option<String> {
    ANTONYMS.iter().find_map(|&(a, b)| {
        if w == a {
            Some(b.to_string())
        } else if w == b {
            Some(a.to_string())
        } else {
            None
        }
    })
}

fn other_place(w: &str) -> Option<String> {
    PLACES
        .iter()
        .find(|(a, _)| *a == w)
        .map(|(_, b)| b.to_string())
}

/// "not" inserted after the first auxiliary that is not already negated.
fn negate(s: &str) -> Option<String> {
    let ws = words(s);
    for (k, &(a, b)) in ws.iter().enumerate() {
        if AUXILIARIES.contains(&&s[a..b]) {
            let next = ws.get(k + 1).map(|&(c, d)| &s[c..d])?;
            if matches!(next, "not" | "never" | "no") {
                return None;
            }
            return Some(format!("{} not{}", &s[..b], &s[b..]));
        }
    }
    None
}

/// The sentence with ", officials said" before its final full stop, when it has no speaker yet.
fn add_framing(s: &str) -> Option<String> {
    let body = s.strip_suffix('.')?;
    // A final abbreviation ("the U.S.") keeps its full stop; leave such sentences.
    if body.rsplit(' ').next().is_some_and(|w| w.contains('.')) {
        return None;
    }
    if body.contains(" said") || body.contains(" says") || body.contains("ccording to") {
        return None;
    }
    Some(format!("{body}, officials said."))
}

/// The sentence without a final prepositional phrase of at most six words and no comma; what
/// is left keeps at least six words.
fn drop_final_phrase(s: &str) -> Option<String> {
    let body = s.strip_suffix('.')?;
    let ws = words(body);
    for k in (1..ws.len()).rev() {
        let (a, b) = ws[k];
        let tail = &body[a..];
        if ws.len() - k > 6 || tail.contains(',') {
            return None;
        }
        if PREPOSITIONS.contains(&&body[a..b]) && ws.len() - k >= 2 {
            let kept = body[..a].trim_end();
            if k >= 6 && !kept.ends_with(',') {
                return Some(format!("{kept}."));
            }
            return None;
        }
    }
    None
}

/// How many cases of one edit (`/kind/` in the name) are made so far.
fn made(out: &[Case], kind: &str) -> usize {
    let needle = format!("/{kind}/");
    out.iter().filter(|c| c.name.contains(&needle)).count()
}

/// The seed pairs: each edit applied to at most `PER_EDIT` claim sentences, in seed order.
pub fn cases(seeds: &[(String, String)]) -> Vec<Case> {
    let mut out = Vec::new();
    for (label, s) in &claim_sentences(seeds) {
        let s = s.as_str();
        let name = |kind: &str| format!("{kind}/{label}");
        let room = |out: &[Case], kind: &str| made(out, kind) < 2 * PER_EDIT;
        // The sentence against itself, the plainest confirmation (one direction only). The
        // engine skips a source whose whole text is the page's (a page is never checked against
        // itself), so the copy is followed by an unrelated sentence.
        if made(&out, "identity") < PER_EDIT {
            let copy = format!("{s}\n\n{UNRELATED}");
            one(
                &mut out,
                "seeds",
                &name("identity"),
                "identity",
                s,
                &copy,
                Confirms,
            );
        }
        let mut edits: Vec<(
            &str,
            &'static str,
            Option<String>,
            [corroborate::Relation; 2],
        )> = Vec::new();
        let x2 = [Contradicts, Contradicts];
        edits.push((
            "framing-added",
            "framing",
            add_framing(s),
            [Confirms, Confirms],
        ));
        edits.push(("weekday", "date", replace_first(s, next_weekday), x2));
        // A month as the first word may be a name; leave it.
        let month = replace_first(s, |w, k| if k == 0 { None } else { other_month(w) });
        edits.push(("month", "date", month, x2));
        // A number that stands alone: not part of a model name such as "A-10".
        let alone =
            |a: usize, b: usize| !s[..a].ends_with(['-', '/']) && !s[b..].starts_with(['-', '/']);
        let digits = words(s).into_iter().find_map(|(a, b)| {
            let (m, year) = other_number(&s[a..b]).filter(|_| alone(a, b))?;
            // The day of a month ("November 2") is a date too.
            let day = MONTHS.iter().any(|m| s[..a].trim_end().ends_with(m));
            Some((format!("{}{}{}", &s[..a], m, &s[b..]), year || day))
        });
        let (year, number) = match digits {
            Some((t, true)) => (Some(t), None),
            Some((t, false)) => (None, Some(t)),
            None => (None, None),
        };
        edits.push(("year", "date", year, x2));
        edits.push(("number", "number", number, x2));
        edits.push((
            "number-word",
            "number",
            replace_first(s, other_number_word),
            x2,
        ));
        edits.push(("negation", "negation", negate(s), x2));
        edits.push((
            "antonym",
            "antonym-seed",
            replace_first(s, |w, _| antonym(w)),
            x2,
        ));
        edits.push((
            "place",
            "place",
            replace_first(s, |w, _| other_place(w)),
            x2,
        ));
        edits.push((
            "says-less",
            "says-less",
            drop_final_phrase(s),
            [Related, Confirms],
        ));
        for (kind, category, edited, [ab, ba]) in edits {
            if let Some(t) = edited {
                if t != s && room(&out, kind) {
                    both(&mut out, "seeds", &name(kind), category, s, &t, ab, ba);
                }
            }
        }
    }
    out
}
