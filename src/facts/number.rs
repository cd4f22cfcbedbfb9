//! Numbers (digits and words, ordinals, hedges, ranges, counted nouns, durations) and dates
//! (weekdays, months, years, full dates).

use super::lexicon::{is_aux, is_generic_unit, unit_canon};
use super::pattern::{group, DECIMAL, DIGIT_ORDINAL, FOUR_DIGITS, ISO_DATE};
use super::{Ctx, Date, DatePart, Hedge, Number, NumberKind};
use crate::text::{is_stopword, stem};
use crate::words::{self, NUMBER_HEDGES};

/// The value of a number word: units and teens, tens, scales, ordinals.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Word {
    Unit(f64),
    Tens(f64),
    Scale(f64),
    Ordinal(f64),
    Dozen,
}

fn number_word(norm: &str) -> Option<Word> {
    use Word::*;
    Some(match norm {
        "zero" => Unit(0.0),
        "one" => Unit(1.0),
        "two" => Unit(2.0),
        "three" => Unit(3.0),
        "four" => Unit(4.0),
        "five" => Unit(5.0),
        "six" => Unit(6.0),
        "seven" => Unit(7.0),
        "eight" => Unit(8.0),
        "nine" => Unit(9.0),
        "ten" => Unit(10.0),
        "eleven" => Unit(11.0),
        "twelve" => Unit(12.0),
        "thirteen" => Unit(13.0),
        "fourteen" => Unit(14.0),
        "fifteen" => Unit(15.0),
        "sixteen" => Unit(16.0),
        "seventeen" => Unit(17.0),
        "eighteen" => Unit(18.0),
        "nineteen" => Unit(19.0),
        "twenty" => Tens(20.0),
        "thirty" => Tens(30.0),
        "forty" => Tens(40.0),
        "fifty" => Tens(50.0),
        "sixty" => Tens(60.0),
        "seventy" => Tens(70.0),
        "eighty" => Tens(80.0),
        "ninety" => Tens(90.0),
        "hundred" => Scale(100.0),
        "thousand" => Scale(1e3),
        "million" => Scale(1e6),
        "billion" => Scale(1e9),
        "trillion" => Scale(1e12),
        "dozen" => Dozen,
        "first" => Ordinal(1.0),
        "second" => Ordinal(2.0),
        "third" => Ordinal(3.0),
        "fourth" => Ordinal(4.0),
        "fifth" => Ordinal(5.0),
        "sixth" => Ordinal(6.0),
        "seventh" => Ordinal(7.0),
        "eighth" => Ordinal(8.0),
        "ninth" => Ordinal(9.0),
        "tenth" => Ordinal(10.0),
        "eleventh" => Ordinal(11.0),
        "twelfth" => Ordinal(12.0),
        "thirteenth" => Ordinal(13.0),
        "fourteenth" => Ordinal(14.0),
        "fifteenth" => Ordinal(15.0),
        "sixteenth" => Ordinal(16.0),
        "seventeenth" => Ordinal(17.0),
        "eighteenth" => Ordinal(18.0),
        "nineteenth" => Ordinal(19.0),
        "twentieth" => Ordinal(20.0),
        "thirtieth" => Ordinal(30.0),
        "fortieth" => Ordinal(40.0),
        "fiftieth" => Ordinal(50.0),
        "sixtieth" => Ordinal(60.0),
        "seventieth" => Ordinal(70.0),
        "eightieth" => Ordinal(80.0),
        "ninetieth" => Ordinal(90.0),
        "hundredth" => Ordinal(100.0),
        _ => return None,
    })
}

/// "30th", "1st", "22nd", "3rd" → 30, 1, 22, 3.
fn digit_ordinal(norm: &str) -> Option<f64> {
    decimal(DIGIT_ORDINAL.captures(norm)?.get(1)?.as_str())
}

/// The value of a plain decimal, `digits[.digits]` ("40", "3.5", "1."); `None` for anything
/// else ("1,000", "1.2.3", "", and "1e5", "inf" or "-3", which the standard parser would read).
///
/// The standard parser, correctly rounded at any length. An own parser once saved 10 KB of the
/// module; measured again on 2 December 2026 (with regex-lite in the module), the standard one
/// is the smaller, by 359 bytes gzipped and 587 raw, so it is back.
fn decimal(s: &str) -> Option<f64> {
    if !DECIMAL.is_match(s) {
        return None;
    }
    s.parse().ok()
}

fn scale_of(norm: &str) -> Option<f64> {
    match number_word(norm) {
        Some(Word::Scale(s)) => Some(s),
        _ => None,
    }
}

/// A parsed number before its hedge and unit: value, ordinal?, token after it.
struct Parsed {
    value: f64,
    ordinal: bool,
    fraction: bool,
    end: usize,
}

/// True when token `i` is the digit part of a model name: "Su-35", "C-130", "F-16".
fn is_model_number(ctx: &Ctx, i: usize) -> bool {
    let Some(t) = ctx.toks.get(i) else {
        return false;
    };
    let before = ctx.text.get(..t.start).unwrap_or("");
    let mut rev = before.chars().rev();
    matches!(rev.next(), Some('-')) && rev.next().is_some_and(|c| c.is_alphabetic())
}

/// Parse the number starting at token `i`, if any.
fn parse_at(ctx: &Ctx, i: usize) -> Option<Parsed> {
    let t = ctx.toks.get(i)?;
    let norm = t.norm.as_str();
    if t.is_numeric() {
        if is_model_number(ctx, i) {
            return None;
        }
        let mut value: f64 = decimal(norm)?;
        let mut end = i + 1;
        if let Some(s) = scale_of(ctx.norm(end)).filter(|_| ctx.joined(i)) {
            value *= s;
            end += 1;
        }
        return Some(Parsed {
            value,
            ordinal: false,
            fraction: false,
            end,
        });
    }
    if let Some(v) = digit_ordinal(norm) {
        return Some(Parsed {
            value: v,
            ordinal: true,
            fraction: false,
            end: i + 1,
        });
    }
    if norm == "a" || norm == "an" {
        let next = ctx.norm(i + 1);
        if !ctx.joined(i) {
            return None;
        }
        return match next {
            "dozen" => Some(Parsed {
                value: 12.0,
                ordinal: false,
                fraction: false,
                end: i + 2,
            }),
            "decade" | "century" => Some(Parsed {
                value: 1.0,
                ordinal: false,
                fraction: false,
                end: i + 1,
            }),
            _ => scale_of(next).map(|s| Parsed {
                value: s,
                ordinal: false,
                fraction: false,
                end: i + 2,
            }),
        };
    }
    if norm == "half" {
        if ctx.norm(i + 1) == "a" && ctx.joined(i) && ctx.joined(i + 1) {
            if let Some(s) = scale_of(ctx.norm(i + 2)) {
                return Some(Parsed {
                    value: 0.5 * s,
                    ordinal: false,
                    fraction: false,
                    end: i + 3,
                });
            }
        }
        return Some(Parsed {
            value: 0.5,
            ordinal: false,
            fraction: true,
            end: i + 1,
        });
    }
    number_word(norm)?;
    // A run of number words: "twenty-three", "three hundred and five", "two dozen".
    let (mut total, mut current) = (0.0_f64, 0.0_f64);
    let mut any = false;
    let mut ordinal = false;
    let mut j = i;
    let mut prev_scale = false;
    while let Some(w) = number_word(ctx.norm(j)) {
        if j > i && !ctx.joined(j - 1) {
            break;
        }
        match w {
            Word::Unit(v) => {
                if any && current % 10.0 != 0.0 && !prev_scale {
                    break; // "five six" is not one number
                }
                current += v;
            }
            Word::Tens(v) => {
                if any && current % 100.0 != 0.0 && !prev_scale {
                    break;
                }
                current += v;
            }
            Word::Scale(s) => {
                if !any {
                    break; // a bare "hundred" is not a number here
                }
                if s == 100.0 {
                    current = current.max(1.0) * s;
                } else {
                    total += current.max(1.0) * s;
                    current = 0.0;
                }
            }
            Word::Dozen => {
                if !any {
                    break;
                }
                current = current.max(1.0) * 12.0;
            }
            Word::Ordinal(v) => {
                if any && (current % 10.0 != 0.0 || current == 0.0) && !prev_scale {
                    break;
                }
                current += v;
                ordinal = true;
                any = true;
                j += 1;
                break;
            }
        }
        prev_scale = matches!(w, Word::Scale(_) | Word::Dozen);
        any = true;
        j += 1;
        // "three hundred and five"
        if prev_scale
            && ctx.norm(j) == "and"
            && matches!(
                number_word(ctx.norm(j + 1)),
                Some(Word::Unit(_) | Word::Tens(_))
            )
        {
            j += 1;
        }
    }
    if !any {
        return None;
    }
    let mut value = total + current;
    // "two and a half years"
    if !ordinal && ctx.norm(j) == "and" && ctx.norm(j + 1) == "a" && ctx.norm(j + 2) == "half" {
        value += 0.5;
        j += 3;
    }
    if j == i + 1 {
        let prev = if i > 0 { ctx.norm(i - 1) } else { "" };
        let next = ctx.norm(j);
        match norm {
            "one"
                if matches!(next, "of" | "another" | "day" | "way")
                    || prev == "no"
                    || prev == "the" =>
            {
                return None
            }
            "second"
                if matches!(prev, "a" | "per" | "every" | "split")
                    || ctx
                        .toks
                        .get(i.wrapping_sub(1))
                        .is_some_and(|t| t.is_numeric())
                        && i > 0 =>
            {
                return None
            }
            _ => {}
        }
    }
    Some(Parsed {
        value,
        ordinal,
        fraction: false,
        end: j,
    })
}

/// The hedge right before token `i`: (hedge, first token of the hedge).
fn hedge_before(ctx: &Ctx, i: usize) -> (Hedge, usize) {
    for (words, hedge) in NUMBER_HEDGES {
        let n = words.len();
        if n > i {
            continue;
        }
        let s = i - n;
        if (0..n).all(|k| ctx.norm(s + k) == words[k] && ctx.joined(s + k) && !ctx.used(s + k)) {
            return (*hedge, s);
        }
    }
    if i > 0 && ctx.norm(i - 1) == "between" && ctx.joined(i - 1) {
        return (Hedge::Range, i - 1);
    }
    (Hedge::None, i)
}

/// Time units: (value multiplier, canonical unit).
fn time_unit(norm: &str) -> Option<(f64, &'static str)> {
    Some(match norm {
        "year" | "years" | "yr" | "yrs" => (1.0, "year"),
        "decade" | "decades" => (10.0, "year"),
        "century" | "centuries" => (100.0, "year"),
        "month" | "months" => (1.0, "month"),
        "week" | "weeks" => (1.0, "week"),
        "day" | "days" => (1.0, "day"),
        "hour" | "hours" => (1.0, "hour"),
        "minute" | "minutes" => (1.0, "minute"),
        _ => return None,
    })
}

/// The first content word's stem at or after token `k` within `limit` tokens, skipping stop words.
fn content_after(ctx: &Ctx, k: usize, limit: usize) -> String {
    for j in k..k + limit {
        let Some(t) = ctx.toks.get(j) else { break };
        if j > k && !ctx.joined_loose(j - 1) {
            break;
        }
        if !is_stopword(&t.norm) && t.norm.chars().next().is_some_and(char::is_alphabetic) {
            return unit_canon(&stem(&t.norm)).to_string();
        }
    }
    String::new()
}

/// The stem of the content word before token `i` (within three tokens).
fn content_before(ctx: &Ctx, i: usize) -> String {
    for j in (i.saturating_sub(3)..i).rev() {
        let Some(t) = ctx.toks.get(j) else { continue };
        if !ctx.joined_loose(j) {
            break;
        }
        if !is_stopword(&t.norm) && t.norm.chars().next().is_some_and(char::is_alphabetic) {
            return stem(&t.norm);
        }
    }
    String::new()
}

fn is_lower_word(ctx: &Ctx, j: usize) -> bool {
    ctx.toks.get(j).is_some_and(|t| {
        t.norm.chars().next().is_some_and(char::is_alphabetic)
            && !ctx.cap(j)
            && !is_stopword(&t.norm)
            && !ctx.used(j)
            && number_word(&t.norm).is_none()
    })
}

/// The counted noun after a number: canonical stems and the token after it.
fn unit_after(ctx: &Ctx, j: usize) -> (Vec<String>, usize) {
    let mut k = j;
    if matches!(ctx.norm(k), "such" | "more") && k > 0 && ctx.joined(k - 1) {
        k += 1;
    }
    // Skip names and model numbers between the number and its noun: "40 Russian Su-35 jets".
    while k < j + 4 && k > 0 && ctx.joined(k - 1) && (ctx.cap(k) || is_model_number(ctx, k)) {
        k += 1;
    }
    let mut unit = Vec::new();
    while unit.len() < 3 && k > 0 && ctx.joined(k - 1) && is_lower_word(ctx, k) {
        if ctx.norm(k) == "ago" {
            break;
        }
        let w = ctx.norm(k);
        // A verb or participle after the noun is not part of it: "1,200 troops arrived".
        if !unit.is_empty() && (w.ends_with("ed") || w.ends_with("ing")) {
            break;
        }
        unit.push(unit_canon(&stem(w)).to_string());
        k += 1;
        // A plural noun ends the phrase: "patrol boats".
        if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
            break;
        }
    }
    // "5 were injured", "5 people were injured"
    let generic_only = unit.iter().all(|u| is_generic_unit(u));
    if generic_only && k > 0 && ctx.joined(k - 1) && is_aux(ctx.norm(k)) {
        let mut m = k;
        while m < k + 3 && is_aux(ctx.norm(m)) && ctx.joined(m) {
            m += 1;
        }
        if is_lower_word(ctx, m) {
            unit.push(unit_canon(&stem(ctx.norm(m))).to_string());
            return (unit, m + 1);
        }
    }
    (unit, k)
}

/// Extract the numbers of a sentence. Tokens already used (dates) are skipped; number tokens
/// are marked used.
pub(super) fn numbers(ctx: &mut Ctx) -> Vec<Number> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ctx.toks.len() {
        if ctx.used(i) {
            i += 1;
            continue;
        }
        let Some(p) = parse_at(ctx, i) else {
            i += 1;
            continue;
        };
        let (mut hedge, hstart) = hedge_before(ctx, i);
        let mut end = p.end;
        let mut upper = p.value;
        // Ranges: "30 to 40", "30-40", "between 30 and 40", "one or two".
        let link = ctx.norm(end);
        let dash = end > 0
            && matches!(ctx.gap(end - 1).trim(), "-" | "\u{2013}")
            && ctx.toks.get(end).is_some_and(|t| t.is_numeric());
        if !p.ordinal
            && (dash || matches!(link, "to" | "or") || (link == "and" && hedge == Hedge::Range))
        {
            let second = if dash { end } else { end + 1 };
            if let Some(q) = parse_at(ctx, second).filter(|q| !q.ordinal && q.value >= p.value) {
                upper = q.value;
                end = q.end;
                hedge = Hedge::Range;
            }
        }
        let mut value = p.value;
        let mut kind = if p.ordinal {
            NumberKind::Ordinal
        } else if p.fraction {
            NumberKind::Fraction
        } else {
            NumberKind::Count
        };
        let mut unit: Vec<String> = Vec::new();
        let last_tok = ctx.toks.get(end.saturating_sub(1));
        let after_num = last_tok.map_or("", |t| ctx.text.get(t.end..).unwrap_or(""));
        let first_tok = ctx.toks.get(i);
        let before_num = first_tok.map_or("", |t| ctx.text.get(..t.start).unwrap_or(""));
        let mut unit_end = end;
        if after_num.starts_with('%') {
            kind = NumberKind::Percent;
            unit.push("percent".into());
        } else if ctx.norm(end) == "percent"
            || (ctx.norm(end) == "per" && ctx.norm(end + 1) == "cent")
        {
            kind = NumberKind::Percent;
            unit.push("percent".into());
            unit_end = end + if ctx.norm(end) == "per" { 2 } else { 1 };
        } else if let Some((mult, u)) =
            time_unit(ctx.norm(end)).filter(|_| end > 0 && ctx.joined(end - 1))
        {
            unit_end = end + 1;
            if p.ordinal {
                // "the 21st century": a rank, not 2,100 years
                unit.push(stem(ctx.norm(end)));
                for k in hstart..unit_end {
                    ctx.mark(k);
                }
                let span = ctx.toks.get(hstart).map_or(0, |t| t.start)
                    ..ctx.toks.get(end).map_or(0, |t| t.end);
                let before = content_before(ctx, hstart);
                out.push(Number {
                    span,
                    value,
                    upper,
                    kind,
                    hedge,
                    unit,
                    before,
                    after: String::new(),
                    ago: false,
                });
                i = unit_end;
                continue;
            }
            value *= mult;
            upper *= mult;
            if ctx.norm(unit_end) == "old" {
                // "a 40-year-old man"
                unit.push("age".into());
                unit_end += 1;
            } else {
                kind = if p.ordinal {
                    NumberKind::Ordinal
                } else {
                    NumberKind::Duration
                };
                unit.push(u.into());
            }
        } else if p.ordinal && matches!(ctx.norm(end), "anniversary" | "anniversaries" | "birthday")
        {
            unit.push("year".into());
            unit_end = end + 1;
        } else if p.fraction && ctx.norm(end) == "of" {
            // "half of the troops"
            let from = if ctx.norm(end + 1) == "the" {
                end + 2
            } else {
                end + 1
            };
            let (u, k) = unit_after(ctx, from);
            unit = u;
            unit_end = if unit.is_empty() { end } else { k };
        } else {
            let (u, k) = unit_after(ctx, end);
            unit = u;
            unit_end = if unit.is_empty() { end } else { k };
        }
        let money = match before_num.chars().next_back() {
            Some('$') => Some("usd"),
            Some('€') => Some("eur"),
            Some('£') => Some("gbp"),
            _ => None,
        };
        let mut start_byte = ctx.toks.get(hstart).map_or(0, |t| t.start);
        if let Some(cur) = money {
            kind = NumberKind::Money;
            unit.insert(0, cur.into());
            start_byte = start_byte.min(ctx.toks.get(i).map_or(0, |t| t.start.saturating_sub(1)));
        }
        // A bare single-token "one"/"a" with no counted noun says nothing.
        if unit.is_empty() && (ctx.norm(i) == "one" || ctx.norm(i) == "half") && end == i + 1 {
            i += 1;
            continue;
        }
        let ago = ctx.norm(unit_end) == "ago";
        if ago {
            unit_end += 1;
        }
        let mut end_byte = ctx
            .toks
            .get(unit_end.saturating_sub(1))
            .map_or(start_byte, |t| t.end);
        if kind == NumberKind::Percent && after_num.starts_with('%') {
            end_byte = end_byte.max(last_tok.map_or(0, |t| t.end + 1));
        }
        let before = content_before(ctx, hstart);
        // The slot the number fills: "30 years of [diplomatic] relations".
        let after = if matches!(ctx.norm(unit_end), "of" | "since" | "for") {
            content_after(ctx, unit_end + 1, 3)
        } else {
            String::new()
        };
        for k in hstart..unit_end.max(end) {
            ctx.mark(k);
        }
        out.push(Number {
            span: start_byte..end_byte.max(start_byte),
            value,
            upper,
            kind,
            hedge,
            unit,
            before,
            after,
            ago,
        });
        i = unit_end.max(end).max(i + 1);
    }
    out
}

pub(crate) fn month_of(norm: &str) -> Option<(u8, bool)> {
    // (month, is an abbreviation)
    Some(match norm {
        "january" => (1, false),
        "february" => (2, false),
        "march" => (3, false),
        "april" => (4, false),
        "may" => (5, false),
        "june" => (6, false),
        "july" => (7, false),
        "august" => (8, false),
        "september" => (9, false),
        "october" => (10, false),
        "november" => (11, false),
        "december" => (12, false),
        "jan" => (1, true),
        "feb" => (2, true),
        "mar" => (3, true),
        "apr" => (4, true),
        "jun" => (6, true),
        "jul" => (7, true),
        "aug" => (8, true),
        "sep" | "sept" => (9, true),
        "oct" => (10, true),
        "nov" => (11, true),
        "dec" => (12, true),
        _ => return None,
    })
}

pub(crate) fn weekday_of(norm: &str) -> Option<u8> {
    Some(match norm {
        "monday" => 1,
        "tuesday" => 2,
        "wednesday" => 3,
        "thursday" => 4,
        "friday" => 5,
        "saturday" => 6,
        "sunday" => 7,
        _ => return None,
    })
}

/// A day of the month at token `j`: "2", "2nd".
fn day_at(ctx: &Ctx, j: usize) -> Option<u8> {
    let t = ctx.toks.get(j)?;
    if ctx.used(j) {
        return None;
    }
    let v: f64 = if t.is_numeric() && !t.norm.contains('.') {
        decimal(&t.norm)?
    } else {
        digit_ordinal(&t.norm)?
    };
    (1.0..=31.0).contains(&v).then_some(v as u8)
}

/// A year at token `j`: four digits from 1000 to 2100.
fn year_at(ctx: &Ctx, j: usize) -> Option<i32> {
    let t = ctx.toks.get(j)?;
    if ctx.used(j) || !FOUR_DIGITS.is_match(&t.norm) || t.end - t.start != 4 {
        return None;
    }
    let y: i32 = t.norm.parse().ok()?;
    (1000..=2100).contains(&y).then_some(y)
}

/// True when a lone four-digit number at `j` reads as a year rather than a count.
fn lone_year(ctx: &Ctx, j: usize) -> bool {
    let prev = if j > 0 { ctx.norm(j - 1) } else { "" };
    let before = ctx
        .toks
        .get(j)
        .map_or("", |t| ctx.text.get(..t.start).unwrap_or(""));
    if before.ends_with('$') || before.ends_with('€') || before.ends_with('£') {
        return false;
    }
    let after = ctx
        .toks
        .get(j)
        .map_or("", |t| ctx.text.get(t.end..).unwrap_or(""));
    if after.starts_with('%') || scale_of(ctx.norm(j + 1)).is_some() {
        return false;
    }
    // "2023-2025"
    let year_like = |k: usize| {
        ctx.toks
            .get(k)
            .is_some_and(|t| FOUR_DIGITS.is_match(&t.norm))
    };
    let dash = |k: usize| matches!(ctx.gap(k).trim(), "-" | "\u{2013}" | "\u{2014}");
    if (year_like(j + 1) && dash(j)) || (j > 0 && year_like(j - 1) && dash(j - 1)) {
        return true;
    }
    if words::contains(words::YEAR_CONTEXT, prev) {
        return true;
    }
    match ctx.toks.get(j + 1) {
        None => true,
        Some(_) if !ctx.joined(j) => true,
        Some(n) => is_stopword(&n.norm) || ctx.cap(j + 1),
    }
}

/// Extract the dates of a sentence and mark their tokens used.
pub(super) fn dates(ctx: &mut Ctx) -> Vec<Date> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ctx.toks.len() {
        let mut date = Date::default();
        let mut first = i;
        let mut end = i;
        let norm = ctx.norm(i);
        if let Some(wd) = weekday_of(norm).filter(|_| ctx.cap(i)) {
            date.weekday = Some(wd);
            end = i + 1;
            // "Sunday, November 2"
            if month_of(ctx.norm(end)).is_some() && ctx.joined_loose(end - 1) {
                if let Some(e) = month_date(ctx, end, &mut date) {
                    end = e;
                }
            }
        } else if month_of(norm).is_some() && ctx.cap(i) {
            if let Some(e) = month_date(ctx, i, &mut date) {
                end = e;
                // "2 November 2025"
                if date.day.is_none() && i > 0 && ctx.joined(i - 1) {
                    if let Some(d) = day_at(ctx, i - 1) {
                        date.day = Some(d);
                        first = i - 1;
                    }
                }
            }
        } else if let Some((y, m, d)) = iso_date(ctx, i) {
            date.year = Some(y);
            date.month = Some(m);
            date.day = Some(d);
            end = i + 3;
        } else if let Some(y) = year_at(ctx, i).filter(|_| lone_year(ctx, i)) {
            date.year = Some(y);
            end = i + 1;
        }
        if end == i {
            i += 1;
            continue;
        }
        // "early October", "mid-2024", "the end of May"
        if first > 0 {
            let p = ctx.norm(first - 1);
            let part = match p {
                "early" => Some(DatePart::Early),
                "mid" | "middle" => Some(DatePart::Mid),
                "late" => Some(DatePart::Late),
                _ => None,
            };
            if let Some(part) = part.filter(|_| ctx.joined_loose(first - 1)) {
                date.part = Some(part);
                first -= 1;
            } else if p == "of" && first >= 2 {
                let q = ctx.norm(first - 2);
                let part = match q {
                    "beginning" | "start" => Some(DatePart::Early),
                    "middle" => Some(DatePart::Mid),
                    "end" => Some(DatePart::Late),
                    _ => None,
                };
                if let Some(part) = part {
                    date.part = Some(part);
                    first -= 2;
                }
            }
        }
        date.context = if first > 0 {
            ctx.norm(first - 1).to_string()
        } else {
            String::new()
        };
        let s = ctx.toks.get(first).map_or(0, |t| t.start);
        let e = ctx.toks.get(end - 1).map_or(s, |t| t.end);
        date.span = s..e.max(s);
        for k in first..end {
            ctx.mark(k);
        }
        out.push(date);
        i = end;
    }
    out
}

/// An ISO 8601 calendar date at token `i`: "2025-03-10" (year, two-digit month and day, joined
/// by hyphens and nothing else), not followed by another hyphenated number.
fn iso_date(ctx: &Ctx, i: usize) -> Option<(i32, u8, u8)> {
    if (i..i + 3).any(|j| ctx.used(j)) {
        return None;
    }
    let (first, last) = (ctx.toks.get(i)?, ctx.toks.get(i + 2)?);
    let c = ISO_DATE.captures(ctx.text.get(first.start..last.end)?)?;
    let year = group(&c, 1).filter(|y| (1000..=2100).contains(y))?;
    let month = group(&c, 2).filter(|m| (1..=12).contains(m))?;
    let day = group(&c, 3).filter(|d| (1..=31).contains(d))?;
    if ctx.gap(i + 2) == "-" && ctx.toks.get(i + 3).is_some() {
        return None;
    }
    Some((year, month, day))
}

/// Parse "November", "Nov. 2", "November 2, 2025", "November 2025" at token `i` (a month name).
fn month_date(ctx: &Ctx, i: usize, date: &mut Date) -> Option<usize> {
    let (month, abbr) = month_of(ctx.norm(i))?;
    let gap = ctx.gap(i);
    let dotted = gap.starts_with('.');
    let joined = gap.trim_start_matches('.').trim().is_empty() && !gap.is_empty();
    let day = if joined { day_at(ctx, i + 1) } else { None };
    let year_next = if joined { year_at(ctx, i + 1) } else { None };
    if abbr && !dotted && day.is_none() {
        return None;
    }
    if month == 5 && !abbr && day.is_none() && year_next.is_none() {
        let prev = if i > 0 { ctx.norm(i - 1) } else { "" };
        if !words::contains(words::MAY_CONTEXT, prev) {
            return None;
        }
    }
    date.month = Some(month);
    let mut end = i + 1;
    if let Some(y) = year_next {
        date.year = Some(y);
        return Some(end + 1);
    }
    if let Some(d) = day {
        date.day = Some(d);
        end += 1;
        let g = ctx.gap(end - 1).trim();
        if (g.is_empty() || g == ",") && !ctx.gap(end - 1).is_empty() {
            if let Some(y) = year_at(ctx, end) {
                date.year = Some(y);
                end += 1;
            }
        }
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::decimal;

    #[test]
    fn decimal_reads_plain_decimals_only() {
        let cases = [
            "0",
            "007",
            "40",
            "1.",
            "3.5",
            "0.1",
            "0.05",
            "2.50",
            "1.1",
            "123456789012345",
            "99999999999999.9",
            "0.000000000000000000001",
            "4503599627370497",
            "18446744073709551615",
            "1.000000000000000000000000000",
            "",
            ".5",
            "1,000",
            "1.2.3",
            "1e5",
            "-3",
            "1..",
            "inf",
            "NaN",
            "+3",
        ];
        for s in cases {
            let want = if s.starts_with(|c: char| c.is_ascii_digit()) && !s.contains('e') {
                s.parse::<f64>().ok()
            } else {
                None
            };
            assert_eq!(decimal(s), want, "{s:?}");
        }
    }
}
