//! The Markdown and plain-text readers: `read::markdown`, `read::txt` and
//! `parse_file` on `.md`, `.markdown` and `.txt`.
//!
//! Invariants: no panic (and no slow input); the text is trimmed and, for Markdown, has at
//! most one blank line in a row and no `\r`; every metadata field is non-empty and trimmed;
//! the id is the file's stem unless the file gives one; `parse_file` agrees with the readers,
//! and fails only with a typed error on a file without text.

#![no_main]

use corroborate::{ErrorKind, Source};
use corroborate_cli::read::parse_file;
use corroborate_fuzz::text_of;
use libfuzzer_sys::fuzz_target;

fn check_fields(s: &Source, what: &str) {
    assert!(!s.id.is_empty(), "{what}: empty id");
    for v in [&s.title, &s.outlet, &s.url, &s.published]
        .into_iter()
        .flatten()
    {
        assert!(
            !v.is_empty() && v.trim() == v,
            "{what}: field {v:?} not trimmed"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let content = text_of(data);

    let md = corroborate_cli::read::markdown("story", &content);
    check_fields(&md, "markdown");
    assert_eq!(md.text.trim(), md.text, "markdown text not trimmed");
    assert!(!md.text.contains('\r'), "\\r in markdown text");
    assert!(
        !md.text.contains("\n\n\n"),
        "two blank lines in {:?}",
        md.text
    );

    let txt = corroborate_cli::read::txt("story", &content);
    check_fields(&txt, "txt");
    assert_eq!(txt.text.trim_end(), txt.text, "txt text not trimmed");
    assert!(!txt.text.contains('\r'), "\\r in txt text");
    assert!(
        txt.text.len() <= content.len(),
        "txt text longer than the file"
    );

    // `parse_file` strips one byte-order mark before the reader (which strips one more).
    let body = content.strip_prefix('\u{feff}').unwrap_or(&content);
    let (md, txt) = (
        corroborate_cli::read::markdown("story", body),
        corroborate_cli::read::txt("story", body),
    );
    for (name, want) in [
        ("story.md", &md),
        ("story.markdown", &md),
        ("story.txt", &txt),
    ] {
        match parse_file(name, &content) {
            Ok(sources) => {
                assert_eq!(sources.len(), 1);
                let s = &sources[0];
                assert!(!s.text.trim().is_empty());
                assert_eq!(s, want, "{name}");
            }
            Err(e) => {
                assert_eq!(e.kind(), ErrorKind::Corpus, "{name}: {e:?}");
                assert!(e.message().starts_with(name), "{e:?}");
                assert!(
                    want.text.trim().is_empty() || want.id.trim().is_empty(),
                    "{name}: {e:?}"
                );
            }
        }
    }
});
