//! Sentence segmentation for news text. (Stub: to be replaced by the full segmenter.)

use std::ops::Range;

/// Split `text` into sentences, as byte ranges with surrounding white space trimmed.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let end_here = b == b'\n'
            || ((b == b'.' || b == b'!' || b == b'?')
                && bytes.get(i + 1).is_none_or(|c| c.is_ascii_whitespace()));
        if end_here {
            push_trimmed(text, start..i + 1, &mut out);
            start = i + 1;
        }
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}
