//! What the fuzz targets share: reading an input, and checks of byte and UTF-16 ranges.

use std::ops::Range;

/// The input as text: invalid UTF-8 is replaced (U+FFFD), as a browser's decoder would.
pub fn text_of(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Split an input into at most `max` fields at NUL characters (the last field keeps the rest).
pub fn fields(text: &str, max: usize) -> Vec<&str> {
    text.splitn(max, '\0').collect()
}

/// `r` is a range of `text`: in bounds, ordered, both ends on character boundaries.
pub fn assert_range(text: &str, r: &Range<usize>, what: &str) {
    assert!(
        r.start <= r.end && r.end <= text.len(),
        "{what}: {r:?} outside 0..{}",
        text.len()
    );
    assert!(
        text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
        "{what}: {r:?} not on character boundaries of {text:?}"
    );
}

/// Ranges of `text` in reading order that do not overlap.
pub fn assert_ranges_in_order(text: &str, ranges: &[Range<usize>], what: &str) {
    let mut end = 0;
    for r in ranges {
        assert_range(text, r, what);
        assert!(r.start >= end, "{what}: {r:?} overlaps the range before it");
        end = r.end;
    }
}

/// The UTF-16 code units `start..end` of `text`, as JavaScript's `text.slice(start, end)` (but
/// `None` when the range is out of bounds or reversed, where `slice` would quietly clamp).
pub fn utf16_slice(text: &str, start: usize, end: usize) -> Option<Vec<u16>> {
    let units: Vec<u16> = text.encode_utf16().collect();
    units.get(start..end).map(<[u16]>::to_vec)
}

/// `text.slice(start, end)` in UTF-16 is exactly `want`: what the browser's page shell relies
/// on to paint a claim or mark a diff span.
pub fn assert_utf16_slice(text: &str, start: usize, end: usize, want: &str, what: &str) {
    let got = utf16_slice(text, start, end);
    let want_units: Vec<u16> = want.encode_utf16().collect();
    assert_eq!(
        got.as_deref(),
        Some(want_units.as_slice()),
        "{what}: UTF-16 {start}..{end} of {text:?} is not {want:?}"
    );
}

/// A probability or share: finite and within 0..=1.
pub fn assert_unit(x: f32, what: &str) {
    assert!(x.is_finite() && (0.0..=1.0).contains(&x), "{what}: {x}");
}
