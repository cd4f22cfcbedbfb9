//! The HTML reader: `html_to_text`, `read::html` and `parse_file` on `.html`.
//!
//! Invariants: no panic (and no slow input: libFuzzer's timeout); the text has no trailing
//! white space, no white space but spaces and line breaks, at most one blank line in a row,
//! and is at most about twice as long as the page; every metadata field is non-empty with its
//! white space collapsed; `read::html` and `parse_file` agree with `html_to_text`.

#![no_main]

use corroborate::ErrorKind;
use corroborate_cli::{html::html_to_text, read::parse_file};
use corroborate_fuzz::text_of;
use libfuzzer_sys::fuzz_target;

fn collapsed(s: &str) -> bool {
    s.split_whitespace().collect::<Vec<_>>().join(" ") == s
}

fuzz_target!(|data: &[u8]| {
    let html = text_of(data);
    let doc = html_to_text(&html);
    let text = &doc.text;
    assert_eq!(text.trim_end(), text, "trailing white space");
    assert!(
        text.chars()
            .all(|c| !c.is_whitespace() || c == ' ' || c == '\n'),
        "white space other than ' ' and '\\n' in {text:?}"
    );
    assert!(
        !text.contains("\n\n\n"),
        "two blank lines in a row in {text:?}"
    );
    assert!(
        text.len() <= 2 * html.len() + 8,
        "text longer than the page"
    );
    for (name, v) in [
        ("title", &doc.title),
        ("site name", &doc.site_name),
        ("url", &doc.url),
        ("published", &doc.published),
    ] {
        if let Some(v) = v {
            assert!(!v.is_empty() && collapsed(v), "{name} {v:?}");
        }
    }

    let s = corroborate_cli::read::html("page", &html);
    assert_eq!(
        (&s.text, &s.title, &s.outlet, &s.url, &s.published),
        (
            &doc.text,
            &doc.title,
            &doc.site_name,
            &doc.url,
            &doc.published
        )
    );
    match parse_file("page.html", &html) {
        Ok(sources) => {
            assert_eq!(sources.len(), 1);
            assert!(!sources[0].text.trim().is_empty());
            assert_eq!(sources[0].text, doc.text);
        }
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::Corpus, "{e:?}");
            assert!(doc.text.trim().is_empty(), "{e:?} on a page with text");
        }
    }
});
