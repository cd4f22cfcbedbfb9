//! No input panics, and the UTF-16 offsets handed to the outside world slice out exactly the
//! claim, on text with emoji, combining marks, CJK and CRLF.

// Native only: reads files or runs the CLI (the browser tests are tests/web.rs).
#![cfg(not(target_arch = "wasm32"))]

use corroborate::{stance_detail, Corpus, Engine, OutputReport, Source};

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "The",
    "mayor",
    "Zoe\u{0301}",
    "said",
    "5",
    "five",
    "up to",
    "40",
    "jets",
    "in",
    "Lyon",
    "Hà Nội",
    "東京",
    "は",
    "😀",
    "👩‍👩‍👧",
    "\u{200D}",
    "\u{00A0}",
    ".",
    ". ",
    "? ",
    "! ",
    ",",
    "“",
    "”",
    "\"",
    "'",
    "’",
    "—",
    "-",
    "\r\n",
    "\n\n",
    "\t",
    "U.S.",
    "Gen.",
    "a.m.",
    "3.5",
    "1,200",
    "| a | b |",
    "|---|",
    "- ",
    "• ",
    "not",
    "never",
    "denied",
    "confirmed",
    "Monday",
    "November 2, 2025",
    "Defense Secretary",
    "Congressman",
    "Pete Hegseth",
    "(",
    ")",
    "#",
    "&amp;",
    "<p>",
    "</p>",
    "\u{FEFF}",
    "\u{0000}",
    "\u{10FFFF}",
    "é",
    "ß",
    "İ",
    "ﬁ",
    "ǅ",
];

fn text(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for _ in 0..words {
        s.push_str(rng.pick(PIECES));
        if rng.next() % 3 != 0 {
            s.push(' ');
        }
    }
    s
}

fn check_offsets(page: &str, engine: &Engine) {
    let Ok(report) = engine.check(page) else {
        assert!(
            page.trim().is_empty(),
            "only an empty page may fail: {page:?}"
        );
        return;
    };
    let out = OutputReport::new(&report, page, |id| engine.source(id));
    let units: Vec<u16> = page.encode_utf16().collect();
    for c in &out.claims {
        assert!(
            c.start_utf16 <= c.end_utf16 && c.end_utf16 <= units.len(),
            "{c:?}"
        );
        let slice = String::from_utf16(&units[c.start_utf16..c.end_utf16])
            .expect("offsets on code point boundaries");
        assert_eq!(slice, c.text, "page {page:?}");
        for e in &c.evidence {
            let source = engine.source(&e.source).expect("evidence names a source");
            let su: Vec<u16> = source.text.encode_utf16().collect();
            let s = String::from_utf16(&su[e.start_utf16..e.end_utf16]).expect("source offsets");
            assert_eq!(s, e.text);
            let sentence: Vec<u16> = e.text.encode_utf16().collect();
            for d in &e.diff {
                if let (Some(a), Some(b)) = (d.source_start_utf16, d.source_end_utf16) {
                    assert_eq!(String::from_utf16(&sentence[a..b]).unwrap(), d.text);
                }
            }
        }
    }
}

#[test]
fn random_text_never_panics_and_offsets_round_trip() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..60 {
        let sources: Vec<Source> = (0..3)
            .map(|i| Source::new(format!("s{i}"), text(&mut rng, 40 + round)))
            .filter(|s| !s.text.trim().is_empty())
            .collect();
        if sources.is_empty() {
            continue;
        }
        let engine = Engine::new(Corpus {
            sources: sources.clone(),
        })
        .expect("engine");
        // Pages that share words with the sources, and pages made of their sentences.
        check_offsets(&text(&mut rng, 60), &engine);
        check_offsets(&sources[0].text, &engine);
        let _ = stance_detail(&text(&mut rng, 8), &sources[0].text);
    }
}

#[test]
fn offsets_are_utf16_on_tricky_scripts() {
    let source =
        "Officials said 5 people 😀 were injured in Zoe\u{0301}’s café in 東京 on Monday.\r\n\
                  The mayor, Ana Lópes, said the fire 👩‍👩‍👧 started at noon.";
    let page = "中文 intro 😀😀 line.\r\nOfficials said 3 people 😀 were injured in Zoe\u{0301}’s café in 東京 on Monday.\r\n\
                The mayor, Ana Lópes, said the fire 👩‍👩‍👧 started at noon.";
    let engine = Engine::new(Corpus {
        sources: vec![Source::new("s", source)],
    })
    .unwrap();
    check_offsets(page, &engine);
    let report = engine.check(page).unwrap();
    assert!(
        report.claims.iter().any(|c| !c.evidence.is_empty()),
        "{report:#?}"
    );
}

#[test]
fn pathological_sizes_do_not_panic() {
    let long_word = "a".repeat(100_000);
    let many_dots = ". ".repeat(20_000);
    let one_line = "word ".repeat(20_000);
    let numbers =
        "1,000,000,000,000,000,000,000 99999999999999999999999999 0.0000000001 ".repeat(50);
    let quotes = "“".repeat(5_000) + &"”".repeat(5_000);
    for text in [long_word, many_dots, one_line, numbers, quotes] {
        let engine = Engine::new(Corpus {
            sources: vec![Source::new("s", text.clone())],
        })
        .unwrap();
        check_offsets(&text, &engine);
        check_offsets("Officials said 5 people were injured.", &engine);
        let _ = stance_detail(&text, &text);
    }
}

#[test]
fn iso_dates_that_differ_do_not_confirm() {
    use corroborate::{ReasonKind, Relation};
    // (what, page, source, the relation expected: None for "anything but confirms")
    let cases: &[(&str, &str, &str, Option<Relation>)] = &[
        (
            "ISO dates a day apart",
            "The vote took place on 2025-03-10 in Lyon.",
            "The vote took place on 2025-03-11 in Lyon.",
            Some(Relation::Contradicts),
        ),
        (
            "ISO date against a written date a day later",
            "The vote took place on 2025-03-10 in Lyon.",
            "The vote took place on March 11, 2025 in Lyon.",
            None,
        ),
        (
            "the same ISO date",
            "The vote took place on 2025-03-10 in Lyon.",
            "The vote took place on 2025-03-10 in Lyon, officials said.",
            Some(Relation::Confirms),
        ),
    ];
    for (what, page, source, want) in cases {
        let engine = Engine::new(Corpus {
            sources: vec![Source::new("wire", *source)],
        })
        .expect("engine");
        let report = engine.check(page).expect("page has text");
        let claim = report.claims.first().expect("one claim");
        let e = claim.evidence.iter().find(|e| e.source == "wire");
        if let Some(want) = want {
            assert_eq!(e.map(|e| e.relation), Some(*want), "{what}: {e:#?}");
        }
        let Some(e) = e.filter(|_| *want != Some(Relation::Confirms)) else {
            continue;
        };
        assert_ne!(e.relation, Relation::Confirms, "{what}: {e:#?}");
        if e.relation == Relation::Contradicts {
            assert!(
                e.reasons
                    .iter()
                    .any(|r| r.kind == ReasonKind::Date && r.contradicts),
                "{what}: a date reason expected: {e:#?}"
            );
        }
    }
}
