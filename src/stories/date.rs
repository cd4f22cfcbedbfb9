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
    let w = written.trim();
    // ISO: `YYYY-MM-DD` or `YYYY/MM/DD`, then anything (a time).
    if let Some(date) = w.get(..10) {
        let b = date.as_bytes();
        if (b[4] == b'-' || b[4] == b'/') && b[7] == b[4] {
            let part = |r: std::ops::Range<usize>| date.get(r).and_then(number);
            if let (Some(y), Some(m), Some(d)) = (part(0..4), part(5..7), part(8..10)) {
                return civil(y, m, d);
            }
        }
    }
    // A month's name, a day beside it ("19 Nov", "November 19th") and a four-digit year.
    let parts: Vec<&str> = w
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
        .collect();
    let (at, m) = parts
        .iter()
        .enumerate()
        .find_map(|(i, p)| month_of(&p.to_ascii_lowercase()).map(|(m, _)| (i, u32::from(m))))?;
    let y = parts
        .iter()
        .filter(|p| p.len() == 4)
        .find_map(|p| number(p))?;
    let day_at = |i: usize| -> Option<u32> {
        let p = parts.get(i)?;
        let digits = p.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = p.get(digits.len()..)?.to_ascii_lowercase();
        if digits.len() > 2 || !matches!(suffix.as_str(), "" | "st" | "nd" | "rd" | "th") {
            return None;
        }
        number(digits).filter(|d| (1..=31).contains(d))
    };
    let d = day_at(at + 1).or_else(|| at.checked_sub(1).and_then(day_at))?;
    civil(y, m, d)
}

/// A number of one to four ASCII digits.
fn number(p: &str) -> Option<u32> {
    if p.is_empty() || p.len() > 4 {
        return None;
    }
    p.bytes().try_fold(0u32, |n, b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// Days since 1970-01-01 of a Gregorian date, when the date exists (years 1900 to 2200).
fn civil(y: u32, m: u32, d: u32) -> Option<i32> {
    const BEFORE: [u32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let leap = |y: u32| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if !(1900..=2200).contains(&y) || !(1..=12).contains(&m) || d == 0 {
        return None;
    }
    let days_in = match m {
        2 if leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if d > days_in {
        return None;
    }
    // Leap days before the year (years from 1 on), less those before 1970.
    let leaps = |y: u32| y / 4 - y / 100 + y / 400;
    let yday = BEFORE[(m - 1) as usize] + u32::from(m > 2 && leap(y)) + d - 1;
    let days = 365 * (y as i64 - 1970) + (leaps(y - 1) as i64 - leaps(1969) as i64) + yday as i64;
    i32::try_from(days).ok()
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
            " 2025-11-19 ",
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
            "2025-11/19",
            "2025-1-19x",
            "Tuesday evening",
        ] {
            assert_eq!(day_number(unknown), None, "{unknown:?}");
        }
    }
}
