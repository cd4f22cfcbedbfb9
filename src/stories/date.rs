//! Publication dates read leniently, as a day number, for the stories' date window.
//!
//! A source's `published` is kept as written; here it is read as a calendar day when it can be:
//! ISO 8601 (`2025-11-19`, `2025-11-19T20:05:00Z`, `2025/11/19`), RFC 2822 as feeds write it
//! (`Wed, 19 Nov 2025 20:05:00 GMT`), and written dates (`19 November 2025`, `November 19th,
//! 2025`, `Nov. 19 2025`). Anything else (`yesterday`, `19/11/25`, a day or month out of range)
//! is an unknown date, which never keeps two sources apart.

use crate::facts::month_of;

/// The day of a date as written: days since 1970-01-01 (negative before), or `None`.
///
/// ```text
/// day_number("2025-11-19") == day_number("Wed, 19 Nov 2025 20:05:00 GMT")
/// ```
pub(crate) fn day_number(written: &str) -> Option<i32> {
    // ISO's date–time separator glued between digits ("19T20") separates too.
    let chars: Vec<char> = written.chars().collect();
    let separates = |i: usize| {
        let c = chars[i];
        !c.is_alphanumeric()
            || (matches!(c, 'T' | 't')
                && i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit))
    };
    let mut parts: Vec<String> = Vec::new();
    let mut part = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if separates(i) {
            if !part.is_empty() {
                parts.push(std::mem::take(&mut part));
            }
        } else {
            part.push(c);
        }
    }
    if !part.is_empty() {
        parts.push(part);
    }
    let number = |p: &str| -> Option<u32> {
        if p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        p.parse().ok()
    };
    // ISO: the year first, then the month and the day as numbers.
    if let [y, m, d, ..] = parts.as_slice() {
        if y.len() == 4 {
            if let (Some(y), Some(m), Some(d)) = (number(y), number(m), number(d)) {
                return civil(y, m, d);
            }
        }
    }
    // A month's name, a day beside it ("19 Nov", "November 19th") and a four-digit year.
    let (at, m) = parts
        .iter()
        .enumerate()
        .find_map(|(i, p)| month_of(&p.to_lowercase()).map(|(m, _)| (i, u32::from(m))))?;
    let y = parts
        .iter()
        .filter(|p| p.len() == 4)
        .find_map(|p| number(p))?;
    let day_at = |i: usize| -> Option<u32> {
        let d = number(day_digits(parts.get(i)?)?)?;
        (1..=31).contains(&d).then_some(d)
    };
    let d = day_at(at + 1).or_else(|| at.checked_sub(1).and_then(day_at))?;
    civil(y, m, d)
}

/// The digits of a day, without an English ordinal's suffix ("19th" → "19").
fn day_digits(p: &str) -> Option<&str> {
    let digits = p.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = p.get(digits.len()..)?.to_ascii_lowercase();
    (matches!(suffix.as_str(), "" | "st" | "nd" | "rd" | "th") && digits.len() <= 2)
        .then_some(digits)
}

/// Days since 1970-01-01 of a proleptic Gregorian date, when the date exists (years 1900 to
/// 2200).
fn civil(y: u32, m: u32, d: u32) -> Option<i32> {
    if !(1900..=2200).contains(&y) || !(1..=12).contains(&m) || d == 0 {
        return None;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days_in = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if d > days_in[(m - 1) as usize] {
        return None;
    }
    // Days from civil (the era-based algorithm): March is the year's first month.
    let (y, m, d) = (y as i64, m as i64, d as i64);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    i32::try_from(era * 146_097 + doe - 719_468).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_written() {
        let day = day_number("2025-11-19").expect("ISO");
        assert_eq!(day, 20_411);
        for same in [
            "2025-11-19T20:05:00Z",
            "2025-11-19T20:05:00+01:00",
            "2025/11/19",
            "Wed, 19 Nov 2025 20:05:00 GMT",
            "19 November 2025",
            "November 19, 2025",
            "November 19th, 2025",
            "Nov. 19 2025",
            "  19 NOV 2025 ",
        ] {
            assert_eq!(day_number(same), Some(day), "{same:?}");
        }
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2024-02-29"), Some(19_782));
        assert_eq!(
            day_number("2025-03-01"),
            day_number("2025-02-28").map(|d| d + 1)
        );
        for unknown in [
            "",
            "yesterday",
            "19/11/25",
            "2025-02-29",
            "2025-13-01",
            "2025-11-00",
            "November 2025",
            "32 November 2025",
            "99999-11-19",
            "Tuesday evening",
        ] {
            assert_eq!(day_number(unknown), None, "{unknown:?}");
        }
    }
}
