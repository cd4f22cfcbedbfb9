//! The engine, end to end, as the browser sees it: a page checked against a few sources, and
//! the report converted to UTF-16 offsets by `OutputReport::new` (what `Engine.annotate` in
//! `src/wasm.rs` hands to JavaScript).
//!
//! Input: one flag byte, then NUL-separated fields: the page, then up to eight sources
//! (`title \x01 text`, or just the text). Flags: 1 excludes source `s0`; 2 adds the page
//! itself as a source (which must be skipped); 4 removes source `s1` again after indexing.
//!
//! Invariants: no panic; errors only for an empty page (typed); every byte range on character
//! boundaries and slicing out its text; every UTF-16 range slicing out, in the page, the
//! claim's text, in the source, the evidence's sentence, and in the claim and sentence, each
//! diff span; the diff tiles the claim and rebuilds the sentence; scores within 0..=1; the
//! summary counts the verdicts; an excluded, removed or identical source never gives
//! evidence; the JSON the browser parses serialises.

#![no_main]

use corroborate::{
    claim_spans, sentences, tokenize, Corpus, DiffKind, Engine, ErrorKind, OutputReport, Relation,
    Source, Verdict,
};
use corroborate_fuzz::{
    assert_range, assert_ranges_in_order, assert_unit, assert_utf16_slice, fields, text_of,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let text = text_of(rest);
    let fields = fields(&text, 10);
    let page = fields.first().copied().unwrap_or("");

    // The text layer under the engine.
    let cut = sentences(page);
    assert_ranges_in_order(page, &cut, "sentence");
    let spans = claim_spans(page);
    assert_ranges_in_order(page, &spans, "claim span");
    let tokens = tokenize(page);
    let token_ranges: Vec<_> = tokens.iter().map(|t| t.span()).collect();
    assert_ranges_in_order(page, &token_ranges, "token");
    assert!(tokens.iter().all(|t| t.start < t.end), "empty token");

    let mut sources: Vec<Source> = fields
        .iter()
        .skip(1)
        .enumerate()
        .map(|(i, f)| {
            let (title, body) = match f.split_once('\u{1}') {
                Some((t, b)) => (Some(t.to_string()), b),
                None => (None, *f),
            };
            Source {
                id: format!("s{i}"),
                title,
                text: body.to_string(),
                ..Default::default()
            }
        })
        .collect();
    let with_self = flags & 2 != 0;
    if with_self {
        sources.push(Source::new("self", page));
    }
    let had_s1 = sources.iter().any(|s| s.id == "s1");
    let n_sources = sources.len();
    let mut engine = match Engine::new(Corpus { sources }) {
        Ok(e) => e,
        Err(e) => {
            assert_eq!(n_sources, 0, "Engine::new failed on distinct ids: {e}");
            assert_eq!(e.kind(), ErrorKind::NoSources);
            return;
        }
    };
    let removed = flags & 4 != 0;
    if removed {
        assert_eq!(engine.remove_source("s1"), had_s1);
        assert!(engine.source("s1").is_none());
        assert!(!engine.remove_source("s1"));
    }
    let exclude = (flags & 1 != 0).then_some("s0");

    let report = match engine.check_excluding(page, exclude) {
        Ok(r) => r,
        Err(e) => {
            assert!(
                page.trim().is_empty(),
                "check failed on a page with text: {e}"
            );
            assert_eq!(e.kind(), ErrorKind::EmptyPage);
            return;
        }
    };
    assert!(!page.trim().is_empty(), "an empty page was checked");

    // The core's report, in bytes.
    let claim_ranges: Vec<_> = report.claims.iter().map(|c| c.span.clone()).collect();
    assert_ranges_in_order(page, &claim_ranges, "claim");
    let mut counted = [0usize; 5];
    for c in &report.claims {
        assert_eq!(
            page.get(c.span.clone()),
            Some(c.text.as_str()),
            "claim text"
        );
        let relations = c.evidence.iter().map(|e| e.relation);
        let summed = Verdict::from_relations(relations);
        if summed != Verdict::Contradicted {
            assert_eq!(c.verdict, summed, "verdict of {:?}", c.text);
        }
        assert_eq!(c.verdict == Verdict::Unique, c.evidence.is_empty());
        counted[c.verdict as usize] += 1;
        for e in &c.evidence {
            assert_ne!(e.relation, Relation::Unrelated, "unrelated evidence kept");
            assert!(
                Some(e.source.as_str()) != exclude
                    && !(removed && e.source == "s1")
                    && e.source != "self",
                "evidence from {:?}, which is skipped",
                e.source
            );
            let Some(source) = engine.source(&e.source) else {
                panic!("evidence from an unknown source {:?}", e.source);
            };
            if e.from_title {
                assert_eq!(e.span, 0..0);
                let title = source.title.as_deref().unwrap_or("");
                assert!(title.contains(e.text.as_str()), "title sentence");
            } else {
                assert_range(&source.text, &e.span, "evidence");
                assert_eq!(source.text.get(e.span.clone()), Some(e.text.as_str()));
            }
            assert_unit(e.score, "score");
            assert_unit(e.coverage, "coverage");
            for r in &e.reasons {
                assert!(!r.to_string().is_empty(), "a reason without words");
            }
            // The diff: equal and removed spans tile the claim, equal and added spans the
            // sentence; each span's text is what its range holds.
            let (mut at_claim, mut at_source) = (0, 0);
            for d in &e.diff {
                assert!(!d.text.is_empty(), "empty diff span");
                match d.op {
                    DiffKind::Equal | DiffKind::Removed => {
                        let Some(r) = d.page.clone() else {
                            panic!("{:?} span without a claim range", d.op)
                        };
                        assert_range(&c.text, &r, "diff in claim");
                        assert_eq!(r.start, at_claim, "diff does not tile the claim");
                        at_claim = r.end;
                        if d.op == DiffKind::Removed {
                            assert_eq!(c.text.get(r), Some(d.text.as_str()));
                            assert!(d.source.is_none());
                        }
                    }
                    DiffKind::Added => assert!(d.page.is_none()),
                }
                if d.op != DiffKind::Removed {
                    let Some(r) = d.source.clone() else {
                        panic!("{:?} span without a sentence range", d.op)
                    };
                    assert_range(&e.text, &r, "diff in sentence");
                    assert_eq!(r.start, at_source, "diff does not tile the sentence");
                    at_source = r.end;
                    assert_eq!(e.text.get(r), Some(d.text.as_str()));
                }
            }
            if !e.diff.is_empty() {
                assert_eq!(at_claim, c.text.len(), "diff ends before the claim does");
                assert_eq!(
                    at_source,
                    e.text.len(),
                    "diff ends before the sentence does"
                );
            }
        }
    }
    let s = &report.summary;
    assert_eq!(s.claims, report.claims.len());
    assert_eq!(
        [s.confirmed, s.contradicted, s.disputed, s.related, s.unique],
        counted,
        "summary"
    );

    // What the browser receives.
    let out = OutputReport::new(&report, page, |id| engine.source(id));
    assert_eq!(out.claims.len(), report.claims.len());
    for (o, c) in out.claims.iter().zip(&report.claims) {
        assert_eq!(o.text, c.text);
        assert_utf16_slice(page, o.start_utf16, o.end_utf16, &o.text, "claim");
        assert_eq!(o.evidence.len(), c.evidence.len());
        for (oe, e) in o.evidence.iter().zip(&c.evidence) {
            let Some(source) = engine.source(&oe.source) else {
                panic!("output evidence from an unknown source {:?}", oe.source);
            };
            if oe.from_title {
                assert_eq!((oe.start_utf16, oe.end_utf16), (0, 0));
            } else {
                assert_utf16_slice(
                    &source.text,
                    oe.start_utf16,
                    oe.end_utf16,
                    &oe.text,
                    "evidence",
                );
            }
            assert_eq!(oe.diff.len(), e.diff.len());
            for d in &oe.diff {
                let claim_range = d.claim_start_utf16.zip(d.claim_end_utf16);
                let source_range = d.source_start_utf16.zip(d.source_end_utf16);
                match d.op {
                    DiffKind::Removed => {
                        let Some((a, b)) = claim_range else {
                            panic!("removed span without UTF-16 claim offsets")
                        };
                        assert_utf16_slice(&o.text, a, b, &d.text, "removed span");
                    }
                    DiffKind::Equal | DiffKind::Added => {
                        let Some((a, b)) = source_range else {
                            panic!("{:?} span without UTF-16 sentence offsets", d.op)
                        };
                        assert_utf16_slice(&oe.text, a, b, &d.text, "diff span");
                        if d.op == DiffKind::Equal {
                            assert!(claim_range.is_some(), "equal span without claim offsets");
                        }
                    }
                }
            }
        }
    }
    assert!(
        serde_json::to_string(&out).is_ok(),
        "the report does not serialise"
    );
});
