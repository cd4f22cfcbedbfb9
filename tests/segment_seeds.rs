//! Segmentation and claim filtering on the seed articles in `../shared/seeds/`.
//!
//! The seed texts are read at test time and never copied here; expectations are located by
//! short keywords. When `../shared` is missing the tests print a message and pass, except under
//! `CI=true`, where they fail.

// Native only: reads files or runs the CLI (the browser tests are tests/web.rs).
#![cfg(not(target_arch = "wasm32"))]

use corroborate::{is_claim, sentences};
use std::ops::Range;

mod common;

/// The seed articles as `(file name, text)`, or `None` (after saying so) when absent.
fn seeds() -> Option<Vec<(String, String)>> {
    common::seeds()
}

fn segs(text: &str) -> Vec<Range<usize>> {
    sentences(text)
}

/// The lines of `text` with their byte offsets.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split('\n').scan(0, |pos, l| {
        let start = *pos;
        *pos += l.len() + 1;
        Some((start, l.trim_end_matches('\r')))
    })
}

#[test]
fn invariants_hold_on_every_seed() {
    let Some(seeds) = seeds() else { return };
    for (name, text) in &seeds {
        let got = segs(text);
        assert!(got.len() > 5, "{name}: only {} sentences", got.len());
        let mut last = 0;
        for r in &got {
            assert!(
                r.start < r.end && r.start >= last,
                "{name}: bad range {r:?}"
            );
            let s = &text[r.clone()];
            assert_eq!(s.trim(), s, "{name}: untrimmed {s:?}");
            // The seeds have one paragraph per line: no sentence spans a line break.
            assert!(!s.contains('\n'), "{name}: sentence spans lines: {s:?}");
            last = r.end;
        }
    }
}

#[test]
fn us_does_not_end_a_sentence_before_a_continuation() {
    let Some(seeds) = seeds() else { return };
    // Starters the heuristic accepts after "U.S." inside a paragraph.
    let starters = [
        "In", "The", "He", "She", "It", "They", "This", "But", "A", "On",
    ];
    let mut checked = 0;
    for (name, text) in &seeds {
        let got = segs(text);
        for pair in got.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if !text[a.clone()].ends_with("U.S.") {
                continue;
            }
            checked += 1;
            if text[a.end..b.start].contains('\n') {
                continue;
            }
            let next = &text[b.clone()];
            let word = next
                .split(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            assert!(
                starters.contains(&word),
                "{name}: split after U.S. before {word:?}: {:?}",
                &text[a.clone()]
            );
        }
        // And inside sentences "U.S." is followed by a continuation.
        let inner = got
            .iter()
            .map(|r| &text[r.clone()])
            .filter(|s| s.contains("U.S. ") || s.contains("U.S., "))
            .count();
        assert!(inner > 0 || !text.contains("U.S. "), "{name}");
    }
    eprintln!("{checked} sentences end in U.S.");
}

#[test]
fn attribution_stays_with_its_quote() {
    let Some(seeds) = seeds() else { return };
    let mut found = 0;
    for (name, text) in &seeds {
        for r in segs(text) {
            let s = &text[r];
            if s.contains("find peace") {
                found += 1;
                assert!(s.ends_with("Hegseth said."), "{name}: {s:?}");
                assert!(s.starts_with(['"', '“']), "{name}: {s:?}");
                assert!(is_claim(s), "{name}: {s:?}");
            }
            if s.ends_with(" said.") && s.split_whitespace().count() <= 3 {
                panic!("{name}: attribution split from its quote: {s:?}");
            }
        }
    }
    assert!(
        found >= 2,
        "the quote with \"find peace\" was found {found} times"
    );
}

#[test]
fn table_rows_come_out_one_per_row() {
    let Some(seeds) = seeds() else { return };
    let mut tables = 0;
    for (name, text) in seeds.iter().filter(|(_, t)| t.contains("|---|")) {
        tables += 1;
        let got = segs(text);
        let (mut rows, mut separators) = (0, 0);
        for (start, line) in lines(text) {
            let trimmed = line.trim();
            if !trimmed.starts_with('|') {
                continue;
            }
            let lead = line.len() - line.trim_start().len();
            let range = start + lead..start + lead + trimmed.len();
            if trimmed.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
                separators += 1;
                assert!(
                    got.iter()
                        .all(|r| r.end <= range.start || r.start >= range.end),
                    "{name}: separator row returned"
                );
            } else {
                rows += 1;
                assert!(
                    got.contains(&range),
                    "{name}: row not one segment: {trimmed:?}"
                );
            }
        }
        assert!(
            rows >= 6 && separators >= 2,
            "{name}: {rows} rows, {separators} separators"
        );
        // Header rows are not claims, data rows with a description are.
        let claims = got
            .iter()
            .map(|r| &text[r.clone()])
            .filter(|s| s.starts_with('|') && is_claim(s))
            .count();
        assert!(
            claims >= 3 && claims < rows,
            "{name}: {claims} of {rows} rows are claims"
        );
    }
    assert!(tables >= 1, "no seed has a Markdown table");
}

#[test]
fn tldr_and_bullets_are_separate() {
    let Some(seeds) = seeds() else { return };
    let mut tldr = 0;
    let mut bullets = 0;
    for (name, text) in &seeds {
        let got = segs(text);
        for (start, line) in lines(text) {
            if line.trim() == "TL;DR" {
                tldr += 1;
                let lead = line.len() - line.trim_start().len();
                let r = start + lead..start + lead + 5;
                assert!(got.contains(&r), "{name}: TL;DR not alone");
                assert!(!is_claim(&text[r]), "{name}: TL;DR is a claim");
            }
            if let Some(item) = line.strip_prefix("- ") {
                bullets += 1;
                // The marker is excluded: a segment starts right after it.
                let s = start + 2;
                assert!(
                    got.iter().any(|r| r.start == s && r.end <= s + item.len()),
                    "{name}: bullet not separate: {item:?}"
                );
            }
        }
    }
    assert!(tldr >= 1, "no TL;DR line found");
    assert!(bullets >= 6, "only {bullets} bullet items found");
}

#[test]
fn datelines_and_lead_ins() {
    let Some(seeds) = seeds() else { return };
    let (mut alone, mut leading) = (0, 0);
    for (name, text) in &seeds {
        for r in segs(text) {
            let s = &text[r];
            if let Some(rest) = s.strip_prefix("HANOI, Vietnam") {
                if rest.trim_start_matches([' ', '—', '–', '-']).is_empty() {
                    alone += 1;
                    assert!(!is_claim(s), "{name}: dateline alone is a claim");
                } else {
                    leading += 1;
                    assert!(rest.split_whitespace().count() > 5, "{name}: {s:?}");
                    assert!(is_claim(s), "{name}: {s:?}");
                }
            }
            if s.starts_with("Key ") && s.ends_with("included:") {
                assert!(!is_claim(s), "{name}: lead-in is a claim: {s:?}");
            }
            if s == "Closing Remarks" {
                assert!(!is_claim(s), "{name}");
            }
            if s.contains("solely responsible") || s.contains("financial support from") {
                assert!(!is_claim(s), "{name}: boilerplate is a claim: {s:?}");
            }
        }
    }
    assert!(alone >= 1, "no dateline alone on its line");
    assert!(leading >= 1, "no dateline starting a paragraph");
}

#[test]
fn most_seed_sentences_are_claims() {
    let Some(seeds) = seeds() else { return };
    for (name, text) in &seeds {
        let got = segs(text);
        let claims = got.iter().filter(|r| is_claim(&text[(*r).clone()])).count();
        assert!(
            claims * 10 >= got.len() * 6,
            "{name}: only {claims} of {} sentences are claims",
            got.len()
        );
    }
}
