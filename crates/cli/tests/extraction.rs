//! The shared extraction fixtures (`tests/fixtures/extraction/NAME.html` with the expected
//! `NAME.json`) read by the command line's HTML reader. The browser's extractor
//! (`www/extract.js`) is held to the same files by `tests/e2e/extraction.test.mjs`; the rules
//! both follow are in `docs/extraction.md`.

use std::path::PathBuf;

use corroborate_cli::html::html_to_text;
use serde::Deserialize;

/// What a fixture's page must read as.
#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Expected {
    text: String,
    title: Option<String>,
    outlet: Option<String>,
    published: Option<String>,
    url: Option<String>,
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/extraction")
}

#[test]
fn the_native_reader_matches_every_extraction_fixture() {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .expect("the fixture folder")
        .map(|e| e.expect("a fixture").path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    assert!(pages.len() >= 10, "only {} fixtures", pages.len());
    let mut failures = Vec::new();
    for page in &pages {
        let html = std::fs::read_to_string(page).expect("a fixture page");
        let json = std::fs::read_to_string(page.with_extension("json")).expect("its .json");
        let want: Expected = serde_json::from_str(&json).expect("a well-formed .json");
        let doc = html_to_text(&html);
        let got = Expected {
            text: doc.text,
            title: doc.title,
            outlet: doc.site_name,
            published: doc.published,
            url: doc.url,
        };
        if got != want {
            failures.push(format!(
                "{}:\n  want {want:?}\n  got  {got:?}",
                page.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
