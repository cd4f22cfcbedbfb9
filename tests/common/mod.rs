//! Shared helpers for the integration tests: where `../shared` is, and the rule for when it is
//! missing (skip with a visible message; under `CI=true`, fail).

#![allow(dead_code)]

use std::path::PathBuf;

/// `../shared/<sub>` next to the repository, or `None` (after printing why) when it is missing
/// outside CI. Under `CI=true` a missing folder fails the test.
pub fn shared(sub: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(sub);
    if dir.is_dir() {
        return Some(dir);
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    assert!(
        !ci,
        "CI=true but {} is missing: the seed and FNC-1 checks cannot run",
        dir.display()
    );
    eprintln!(
        "skipping: {} not found (clone the project beside ../shared to run this test)",
        dir.display()
    );
    None
}

/// The seed articles as (id, text), sorted by file name.
pub fn seeds() -> Option<Vec<(String, String)>> {
    let dir = shared("seeds")?;
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("read seeds")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.extension().is_some_and(|e| e == "txt") {
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            out.push((id, std::fs::read_to_string(&p).expect("read seed")));
        }
    }
    assert_eq!(
        out.len(),
        5,
        "expected five seed articles in {}",
        dir.display()
    );
    Some(out)
}
