//! The corpus JSON reader (`Corpus::from_json`) and the `.json` file reader (`parse_file`).
//!
//! Invariants: no panic; errors typed (`Json` or `Corpus`), one line, and naming the file for
//! `parse_file`; a corpus that is read is valid (`Corpus::validate`), and writing it out and
//! reading it back gives the same corpus.

#![no_main]

use corroborate::{Corpus, ErrorKind};
use corroborate_cli::read::parse_file;
use corroborate_fuzz::text_of;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let json = text_of(data);
    match Corpus::from_json(&json) {
        Ok(corpus) => {
            assert!(corpus.validate().is_ok(), "a corpus read is not valid");
            for s in &corpus.sources {
                assert_eq!(s.id.trim(), s.id, "id not trimmed");
                for v in [&s.title, &s.outlet, &s.url, &s.published]
                    .into_iter()
                    .flatten()
                {
                    assert!(!v.is_empty() && v.trim() == v, "field {v:?} not trimmed");
                }
            }
            let again = Corpus::from_json(&corpus.to_json());
            assert_eq!(
                again.as_ref(),
                Ok(&corpus),
                "the corpus does not round-trip"
            );
        }
        Err(e) => {
            assert!(
                matches!(e.kind(), ErrorKind::Json | ErrorKind::Corpus),
                "untyped error {:?}: {e}",
                e.kind()
            );
            assert!(
                !e.message().is_empty() && !e.message().contains('\n'),
                "{e:?}"
            );
        }
    }
    match parse_file("feed.json", &json) {
        Ok(sources) => {
            assert!(!sources.is_empty());
            for s in &sources {
                assert!(!s.id.trim().is_empty() && !s.text.trim().is_empty());
            }
        }
        Err(e) => {
            assert!(
                matches!(e.kind(), ErrorKind::Json | ErrorKind::Corpus),
                "{e:?}"
            );
            assert!(e.message().starts_with("feed.json: "), "{e:?}");
            assert!(!e.message().contains('\n'), "{e:?}");
        }
    }
});
